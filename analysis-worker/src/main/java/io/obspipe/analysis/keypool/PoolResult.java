package io.obspipe.analysis.keypool;

import io.obspipe.model.AnalysisErrorCode;

import java.time.Duration;

/**
 * What a pooled call came to after the pool's retries: the value and the key that answered, or why it failed.
 *
 * @param value     the answer, null on failure
 * @param keyId     the key that answered (on failure the last key tried, or null if none was)
 * @param attempts  requests made
 * @param latency   the answering request's duration (on failure the last request's)
 * @param errorCode null on success
 * @param error     one sentence on failure
 */
public record PoolResult<T>(T value, String keyId, int attempts, Duration latency, AnalysisErrorCode errorCode, String error) {

    public boolean succeeded() {
        return errorCode == null;
    }
}
