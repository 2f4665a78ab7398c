package io.obspipe.analysis.keypool;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One key's state in the pool. Its request limits are one Bucket4j bucket of capacity 1 per limit, refilled
 * evenly (qps_limit per second, rpm_limit per minute): requests are spaced at least 1/qps s apart, so no window
 * of one second (or minute) ever holds more than the limit, whatever its alignment. tpm_limit is a second bucket
 * counted in estimated prompt tokens. Guarded by the pool's lock.
 */
final class PooledKey implements KeyStrategy.Candidate {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final ApiKeySpec spec;
    private final int index;
    private final Bucket requests;
    private final Bucket tokens;
    private final ExponentialBackOff coolDowns;
    private final ArrayDeque<long[]> lastMinute = new ArrayDeque<>();
    private BackOffExecution coolDownSequence;
    private int inFlight;
    private long calls;
    private long coolingUntil;
    private boolean disabled;

    PooledKey(ApiKeySpec spec, int index, Duration minCoolDown, Duration maxCoolDown) {
        this.spec = spec;
        this.index = index;
        this.requests = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(spec.qpsLimit(), Duration.ofSeconds(1)).build())
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(spec.rpmLimit(), Duration.ofMinutes(1)).build())
                .withNanosecondPrecision().build();
        this.tokens = spec.tpmLimit() == null ? null : Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(spec.tpmLimit()).refillGreedy(spec.tpmLimit(), Duration.ofMinutes(1)).build())
                .withNanosecondPrecision().build();
        this.coolDowns = new ExponentialBackOff(minCoolDown.toMillis(), 2.0);
        this.coolDowns.setMaxInterval(maxCoolDown.toMillis());
    }

    ApiKeySpec spec() {
        return spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int priority() {
        return spec.priority();
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public long calls() {
        return calls;
    }

    boolean disabled() {
        return disabled;
    }

    boolean cooling(long now) {
        return now < coolingUntil;
    }

    long coolingUntil() {
        return coolingUntil;
    }

    private long tokenCost(int estimatedTokens) {
        return Math.min(Math.max(1, estimatedTokens), spec.tpmLimit());
    }

    /** Not disabled, not cooling, and both buckets hold what a request costs now. */
    boolean available(long now, int estimatedTokens) {
        return !disabled && !cooling(now) && requests.getAvailableTokens() >= 1
                && (tokens == null || tokens.getAvailableTokens() >= tokenCost(estimatedTokens));
    }

    /** Takes the request's quota; false when another thread took it first. */
    boolean take(int estimatedTokens) {
        if (tokens != null && !tokens.tryConsume(tokenCost(estimatedTokens))) {
            return false;
        }
        if (!requests.tryConsume(1)) {
            if (tokens != null) {
                tokens.addTokens(tokenCost(estimatedTokens));
            }
            return false;
        }
        inFlight++;
        calls++;
        return true;
    }

    /** Nanoseconds until this key may take a request, or Long.MAX_VALUE if it never will. */
    long nanosUntilAvailable(long now, int estimatedTokens) {
        if (disabled) {
            return Long.MAX_VALUE;
        }
        long wait = Math.max(0, coolingUntil - now);
        wait = Math.max(wait, requests.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        if (tokens != null) {
            wait = Math.max(wait, tokens.estimateAbilityToConsume(tokenCost(estimatedTokens)).getNanosToWaitForRefill());
        }
        return wait;
    }

    void finished(long now, boolean success) {
        inFlight--;
        lastMinute.addLast(new long[] {now, success ? 1 : 0});
        trim(now);
        if (success) {
            coolDownSequence = null;
        }
    }

    /** Cools the key down for {@code wait}, or for the next step of its exponential sequence; returns the cool-down. */
    Duration coolDown(long now, Duration wait) {
        if (wait == null) {
            if (coolDownSequence == null) {
                coolDownSequence = coolDowns.start();
            }
            wait = Duration.ofMillis(coolDownSequence.nextBackOff());
        }
        coolingUntil = Math.max(coolingUntil, now + wait.toNanos());
        return wait;
    }

    void disable() {
        disabled = true;
    }

    int requestsLastMinute(long now) {
        trim(now);
        return lastMinute.size();
    }

    /** Share of the last minute's requests that succeeded, or null when there were none. */
    Double successRate(long now) {
        trim(now);
        if (lastMinute.isEmpty()) {
            return null;
        }
        long successes = lastMinute.stream().filter(entry -> entry[1] == 1).count();
        return (double) successes / lastMinute.size();
    }

    private void trim(long now) {
        while (!lastMinute.isEmpty() && now - lastMinute.peekFirst()[0] > MINUTE) {
            lastMinute.pollFirst();
        }
    }
}
