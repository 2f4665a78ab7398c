package io.obspipe.notifier.sink;

import io.obspipe.platform.retry.DoublingBackOff;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * How a sink's lane retries a result it could not deliver: it pauses {@code backoff}, doubles the
 * pause after each failed attempt up to {@code maxBackoff} (the pipeline's {@link DoublingBackOff}),
 * and gives up (a dead-letter record) on the first failure that comes {@code giveUpAfter} or later
 * after the result's first failure.
 * While it pauses, the lane's consumer stays in its group (its partitions are paused, not its
 * thread), so a budget longer than max.poll.interval.ms is fine; the sink's other results wait
 * (with NOTIFIER_CONCURRENCY above 1, those of the same consumer thread), the other sinks do not.
 *
 * @param backoff     first pause before a retry, doubled after each failed attempt
 * @param maxBackoff  longest pause between two attempts
 * @param giveUpAfter retry budget of one result from its first failure, after which the sink gives it up (a
 *                    dead-letter record); 0 = never retry
 */
public record RetryPolicy(
        @NotNull @DurationMin(millis = 1, message = "the retry backoff must be positive") Duration backoff,
        @NotNull @DurationMin(millis = 1, message = "the longest retry backoff must be positive") Duration maxBackoff,
        @NotNull @DurationMin(millis = 0, message = "the give-up time must not be negative") Duration giveUpAfter) {

    /** Gives up at the first failure. */
    public static final RetryPolicy NONE = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);

    @AssertTrue(message = "the longest retry backoff must not be shorter than the first one")
    public boolean isMaxBackoffAtLeastBackoff() {
        return backoff == null || maxBackoff == null || maxBackoff.compareTo(backoff) >= 0;
    }

    /**
     * The pause before the next attempt, or null to give up.
     *
     * @param failedAttempts attempts that failed in a row so far, at least 1
     * @param failingFor     time since the first failure of the result
     */
    public Duration pauseAfter(int failedAttempts, Duration failingFor) {
        if (failingFor.compareTo(giveUpAfter) >= 0) {
            return null;
        }
        return new DoublingBackOff(backoff, maxBackoff).pauseAfter(failedAttempts);
    }
}
