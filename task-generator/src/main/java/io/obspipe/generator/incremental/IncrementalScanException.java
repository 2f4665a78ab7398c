package io.obspipe.generator.incremental;

/** An incremental scan that could not go on; its message is one sentence for the user. */
public final class IncrementalScanException extends RuntimeException {

    IncrementalScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
