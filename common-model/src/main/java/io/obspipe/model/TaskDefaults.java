package io.obspipe.model;

/** The buckets a task falls back to when it names none (OBS_SOURCE_BUCKET, OBS_DEST_BUCKET). */
public record TaskDefaults(String sourceBucket, String destBucket) {
}
