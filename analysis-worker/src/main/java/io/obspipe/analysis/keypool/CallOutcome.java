package io.obspipe.analysis.keypool;

import java.time.Duration;

/** What one request made with one key came to, as the pool needs it to pick, cool down or drop keys. */
public sealed interface CallOutcome<T> {

    /** The metric name of the outcome: success, rate_limited, auth_failed, error or timeout. */
    String outcome();

    record Success<T>(T value) implements CallOutcome<T> {
        public String outcome() {
            return "success";
        }
    }

    /** 429: the key cools down for {@code retryAfter} (from Retry-After / Retry-After-Ms), or exponentially when null. */
    record RateLimited<T>(Duration retryAfter, String message) implements CallOutcome<T> {
        public String outcome() {
            return "rate_limited";
        }
    }

    /** 401 / 403: the provider does not accept the key; it leaves the pool. */
    record AuthFailed<T>(int status, String message) implements CallOutcome<T> {
        public String outcome() {
            return "auth_failed";
        }
    }

    /** 5xx, a broken answer or a timeout: worth retrying on another key after a pause. */
    record Unavailable<T>(boolean timeout, String message) implements CallOutcome<T> {
        public String outcome() {
            return timeout ? "timeout" : "error";
        }
    }

    /** The provider refused the request itself (another 4xx): retrying cannot help. */
    record Rejected<T>(int status, String message) implements CallOutcome<T> {
        public String outcome() {
            return "error";
        }
    }
}
