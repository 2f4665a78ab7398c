package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;

/**
 * The task may succeed later (object store unavailable, local disk trouble): the consumer's task
 * runner retries it with backoff, and only when the retries are spent turns it into a failed result.
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
