package io.obspipe.generator.incremental;

/** A record of the state topic that this generator cannot read: garbage, or written by a newer version. */
final class StateFormatException extends RuntimeException {

    StateFormatException(String message) {
        super(message);
    }

    StateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
