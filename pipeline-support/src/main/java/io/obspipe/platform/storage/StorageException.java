package io.obspipe.platform.storage;

import io.obspipe.model.ErrorCode;

/**
 * A storage failure with the {@link ErrorCode} it maps to. {@link #isTransient()} is true for
 * outages (5xx, timeouts, refused connections) that a retry may cure.
 */
public class StorageException extends RuntimeException {

    private final ErrorCode code;

    public StorageException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public boolean isTransient() {
        return !code.isPermanent();
    }
}
