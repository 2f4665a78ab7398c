package io.obspipe.worker.consume;

/**
 * A batch could not be committed. Not {@link #mustResync()}: nothing of it is visible, try the same
 * batch again later. {@link #mustResync()}: the outcome is unknown or the producer was fenced, so
 * the loop drops its unfinished work and restarts from the committed offsets.
 */
final class CommitException extends Exception {

    private final boolean mustResync;

    CommitException(String message, Throwable cause, boolean mustResync) {
        super(message, cause);
        this.mustResync = mustResync;
    }

    boolean mustResync() {
        return mustResync;
    }
}
