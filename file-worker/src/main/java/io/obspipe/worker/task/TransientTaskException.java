package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;

/**
 * The task may succeed later (object store unavailable, local disk trouble): the worker's consumer retries it
 * with backoff (WORKER_TRANSIENT_RETRIES, WORKER_RETRY_BACKOFF), and only then turns it into a failed result.
 */
public class TransientTaskException extends RuntimeException {

    private final ErrorCode code;

    public TransientTaskException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
