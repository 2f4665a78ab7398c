package io.obspipe.model;

/** A message that cannot be read as a task or result; the message says why in one sentence. */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
