package io.obspipe.analysis.keypool;

import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.KeyPoolStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The API key pool and the only retry loop of a request. {@link #call} picks a key by the strategy among the keys
 * that are not cooling down, not disabled and have quota (waiting for one up to {@code keyWait}), makes the request
 * and reacts to its outcome: a 429 cools the key down (Retry-After, else exponentially) and the request goes to
 * another key; a 401/403 takes the key out for good (logged once); a 5xx or timeout is retried on another key after
 * a backoff; another 4xx fails at once. After {@code maxAttempts} requests the call fails with an error code.
 */
public final class KeyPool {

    private static final Logger log = LoggerFactory.getLogger(KeyPool.class);

    /** The pool's rules besides its keys. */
    public record Rules(KeyStrategy strategy, int maxAttempts, Duration keyWait, BackOff retryBackOff,
                        Duration minCoolDown, Duration maxCoolDown) {
    }

    /** One request made with one key; the pool classifies nothing itself. */
    @FunctionalInterface
    public interface KeyCall<T> {
        CallOutcome<T> call(ApiKeySpec key);
    }

    private final List<PooledKey> keys;
    private final Rules rules;
    private final KeyStrategy.Selector selector;
    private final KeyPoolMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int inFlight;

    KeyPool(List<ApiKeySpec> specs, Rules rules, KeyPoolMetrics metrics) {
        List<PooledKey> pooled = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            pooled.add(new PooledKey(specs.get(i), i, rules.minCoolDown(), rules.maxCoolDown()));
        }
        this.keys = List.copyOf(pooled);
        this.rules = rules;
        this.selector = rules.strategy().selector();
        this.metrics = metrics;
        metrics.gaugeInFlight(this);
    }

    /** The keys of the pool, for clients that need one connection per key. */
    public List<ApiKeySpec> keys() {
        return keys.stream().map(PooledKey::spec).toList();
    }

    public KeyStrategy strategy() {
        return rules.strategy();
    }

    /** Requests in flight over all keys. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the request with keys of the pool until one answers, the request is refused, or the budget is spent.
     *
     * @param estimatedTokens the prompt's size in tokens, roughly, for keys with a tpm_limit
     */
    public <T> PoolResult<T> call(KeyCall<T> request, int estimatedTokens) throws InterruptedException {
        BackOffExecution backOff = rules.retryBackOff().start();
        String lastKey = null;
        Duration lastLatency = null;
        AnalysisErrorCode lastCode = AnalysisErrorCode.PROVIDER_UNAVAILABLE;
        String lastError = "no request was made";
        int made = 0;
        for (int attempt = 1; attempt <= rules.maxAttempts(); attempt++) {
            PooledKey key = acquire(estimatedTokens);
            if (key == null) {
                return noKey(attempt - 1, lastKey, lastLatency);
            }
            lastKey = key.id();
            made = attempt;
            long started = System.nanoTime();
            CallOutcome<T> outcome;
            try {
                outcome = request.call(key.spec());
            } catch (RuntimeException e) {
                outcome = new CallOutcome.Unavailable<>(false, "the request failed: " + e);
            }
            lastLatency = Duration.ofNanos(System.nanoTime() - started);
            release(key, outcome, lastLatency);
            if (outcome instanceof CallOutcome.Success<T> success) {
                return new PoolResult<>(success.value(), key.id(), attempt, lastLatency, null, null);
            }
            if (outcome instanceof CallOutcome.Rejected<T> rejected) {
                return new PoolResult<>(null, key.id(), attempt, lastLatency, AnalysisErrorCode.REQUEST_REJECTED,
                        "the provider refused the request (" + rejected.status() + "): " + rejected.message());
            }
            if (outcome instanceof CallOutcome.RateLimited<T>) {
                lastCode = AnalysisErrorCode.RATE_LIMITED;
                lastError = "key " + key.id() + " was rate limited (429)";
            } else if (outcome instanceof CallOutcome.AuthFailed<T> refused) {
                lastCode = AnalysisErrorCode.NO_VALID_KEY;
                lastError = "key " + key.id() + " was refused (" + refused.status() + ")";
            } else if (outcome instanceof CallOutcome.Unavailable<T> unavailable) {
                lastCode = AnalysisErrorCode.PROVIDER_UNAVAILABLE;
                lastError = (unavailable.timeout() ? "the request timed out: " : "the provider failed: ") + unavailable.message();
                long pause = backOff.nextBackOff();
                if (pause == BackOffExecution.STOP) {
                    break;
                }
                if (attempt < rules.maxAttempts()) {
                    TimeUnit.MILLISECONDS.sleep(pause);
                }
            }
        }
        return new PoolResult<>(null, lastKey, made, lastLatency, lastCode,
                "gave up after " + made + " request(s) (ANALYSIS_MAX_ATTEMPTS " + rules.maxAttempts() + "); the last: " + lastError);
    }

    private <T> PoolResult<T> noKey(int attempts, String lastKey, Duration lastLatency) {
        lock.lock();
        try {
            if (keys.stream().allMatch(PooledKey::disabled)) {
                return new PoolResult<>(null, lastKey, attempts, lastLatency, AnalysisErrorCode.NO_VALID_KEY,
                        "no key of the pool is accepted by the provider (each was refused with 401/403)");
            }
        } finally {
            lock.unlock();
        }
        return new PoolResult<>(null, lastKey, attempts, lastLatency, AnalysisErrorCode.RATE_LIMITED,
                "every key was cooling down or out of quota for " + rules.keyWait().toMillis()
                        + " ms (ANALYSIS_KEY_WAIT_TIMEOUT)");
    }

    /** A key with its quota taken, or null when none became available within the wait or every key is disabled. */
    private PooledKey acquire(int estimatedTokens) throws InterruptedException {
        long waitStart = System.nanoTime();
        long deadline = waitStart + rules.keyWait().toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = System.nanoTime();
                List<PooledKey> candidates = keys.stream().filter(key -> key.available(now, estimatedTokens)).toList();
                if (!candidates.isEmpty()) {
                    PooledKey picked = selector.pick(candidates);
                    if (picked.take(estimatedTokens)) {
                        inFlight++;
                        metrics.waitedForKey(Duration.ofNanos(now - waitStart));
                        return picked;
                    }
                    continue;
                }
                long soonest = keys.stream().mapToLong(key -> key.nanosUntilAvailable(now, estimatedTokens)).min().orElse(Long.MAX_VALUE);
                if (soonest == Long.MAX_VALUE || now >= deadline) {
                    metrics.waitedForKey(Duration.ofNanos(now - waitStart));
                    return null;
                }
                changed.awaitNanos(Math.max(TimeUnit.MICROSECONDS.toNanos(100), Math.min(soonest, deadline - now)));
            }
        } finally {
            lock.unlock();
        }
    }

    private void release(PooledKey key, CallOutcome<?> outcome, Duration took) {
        metrics.request(key.id(), outcome.outcome(), took);
        lock.lock();
        try {
            long now = System.nanoTime();
            inFlight--;
            key.finished(now, outcome instanceof CallOutcome.Success<?>);
            if (outcome instanceof CallOutcome.RateLimited<?> limited) {
                Duration coolDown = key.coolDown(now, limited.retryAfter());
                metrics.coolDown(key.id());
                log.atInfo().addKeyValue("key_id", key.id()).addKeyValue("cooldown_ms", coolDown.toMillis())
                        .log("API key {} was rate limited (429); it cools down for {} ms", key.id(), coolDown.toMillis());
            } else if (outcome instanceof CallOutcome.AuthFailed<?> refused && !key.disabled()) {
                key.disable();
                log.atWarn().addKeyValue("key_id", key.id()).log("API key {} was refused by the provider ({}) and is out of the pool "
                        + "until the worker restarts; check it in ANALYSIS_KEYS_FILE", key.id(), refused.status());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The pool as the dashboard shows it: keys by id only. */
    public KeyPoolStatus snapshot(String workerId, int maxConcurrent) {
        lock.lock();
        try {
            long now = System.nanoTime();
            Instant wallNow = Instant.now();
            List<KeyPoolStatus.KeyState> states = keys.stream().map(key -> new KeyPoolStatus.KeyState(key.id(),
                    key.disabled() ? "disabled" : key.cooling(now) ? "cooling" : "active", key.priority(), key.inFlight(),
                    key.requestsLastMinute(now), key.cooling(now) ? wallNow.plusNanos(key.coolingUntil() - now) : null,
                    key.successRate(now))).toList();
            return new KeyPoolStatus(wallNow, workerId, rules.strategy().wireName(), inFlight, maxConcurrent, states);
        } finally {
            lock.unlock();
        }
    }
}
