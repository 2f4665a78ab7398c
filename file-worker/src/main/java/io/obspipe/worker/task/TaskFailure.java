package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;

/** A task that cannot succeed; it ends as a {@code failed} result with this code and sentence. */
class TaskFailure extends RuntimeException {

    private final ErrorCode code;

    TaskFailure(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
