package io.obspipe.generator.incremental;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A job's entry point in the state topic: the last completed scan, whose manifest says what was tasked, and
 * the scan under way, if any (its ranges' progress is in their own checkpoint records).
 */
record JobHead(
        @JsonProperty("format") int format,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("completed") Generation completed,
        @JsonProperty("current") Generation current) {

    static final int FORMAT = 1;

    static JobHead empty(JobId job) {
        return new JobHead(FORMAT, job.bucket(), job.prefix(), null, null);
    }

    long nextGeneration() {
        long last = Math.max(completed == null ? 0 : completed.number(), current == null ? 0 : current.number());
        return last + 1;
    }
}
