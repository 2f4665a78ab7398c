package io.obspipe.platform.retry;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/**
 * The pipeline's one retry backoff, made by Spring's {@link ExponentialBackOff}: the first pause is
 * {@code first}, each next one twice the last, never longer than {@code longest}; no jitter. The worker's
 * task retries and commit retries and the notifier's sink retries all pause this way.
 *
 * @param first   the pause after the first failure
 * @param longest the longest pause
 */
public record DoublingBackOff(Duration first, Duration longest) {

    private static final double MULTIPLIER = 2.0;

    /** The pauses of one failing unit of work, without end: ask {@link BackOffExecution#nextBackOff()} after each failure. */
    public BackOffExecution start() {
        return backOff().start();
    }

    /** Like {@link #start()}, but {@link BackOffExecution#nextBackOff()} says {@link BackOffExecution#STOP} after {@code maxRetries} pauses. */
    public BackOffExecution start(int maxRetries) {
        ExponentialBackOff backOff = backOff();
        backOff.setMaxAttempts(maxRetries);
        return backOff.start();
    }

    /** The pause after {@code failedAttempts} (at least 1) failures in a row. */
    public Duration pauseAfter(int failedAttempts) {
        BackOffExecution pauses = start();
        long pause = pauses.nextBackOff();
        for (int attempt = 1; attempt < failedAttempts && pause < longest.toMillis(); attempt++) {
            pause = pauses.nextBackOff();
        }
        return Duration.ofMillis(pause);
    }

    private ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(first.toMillis(), MULTIPLIER);
        backOff.setMaxInterval(longest.toMillis());
        return backOff;
    }
}
