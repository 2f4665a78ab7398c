package io.obspipe.worker.processing;

import java.io.IOException;

/** A summary, or the error's type and sentence: what a read in parts must give as the one-stream read does. */
record ReadOutcome(ProcessingReport report, String error) {

    static ReadOutcome of(Read read) {
        try {
            return new ReadOutcome(read.report(), null);
        } catch (IOException e) {
            return new ReadOutcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    interface Read {
        ProcessingReport report() throws IOException;
    }
}
