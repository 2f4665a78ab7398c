package io.obspipe.localstack.llm;

import java.time.Duration;

/**
 * How the server answers requests made with one API key.
 *
 * @param minLatency       shortest time before a 200 answer
 * @param maxLatency       longest time before a 200 answer (uniformly drawn between the two)
 * @param refusal          0 to accept the key, else the status every request gets (401 or 403)
 * @param rateLimitEvery   every n-th request is answered 429 at once (0 = never)
 * @param retryAfter       the wait the 429 answers ask for, in {@code retry-after-ms} and {@code retry-after};
 *                         null sends neither header
 * @param serverErrorEvery every n-th request is answered 500 (0 = never)
 */
public record KeyBehaviour(Duration minLatency, Duration maxLatency, int refusal, int rateLimitEvery, Duration retryAfter,
                           int serverErrorEvery) {

    public static KeyBehaviour ok() {
        return new KeyBehaviour(Duration.ZERO, Duration.ZERO, 0, 0, null, 0);
    }

    public KeyBehaviour latency(Duration min, Duration max) {
        return new KeyBehaviour(min, max, refusal, rateLimitEvery, retryAfter, serverErrorEvery);
    }

    public KeyBehaviour refused(int status) {
        return new KeyBehaviour(minLatency, maxLatency, status, rateLimitEvery, retryAfter, serverErrorEvery);
    }

    public KeyBehaviour rateLimited(int every, Duration wait) {
        return new KeyBehaviour(minLatency, maxLatency, refusal, every, wait, serverErrorEvery);
    }

    public KeyBehaviour serverErrors(int every) {
        return new KeyBehaviour(minLatency, maxLatency, refusal, rateLimitEvery, retryAfter, every);
    }
}
