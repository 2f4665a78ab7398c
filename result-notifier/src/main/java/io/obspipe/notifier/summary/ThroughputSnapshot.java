package io.obspipe.notifier.summary;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Results per bucket of time over the last minutes, as served by {@code GET /api/summary/throughput}.
 *
 * @param bucketSeconds length of a bucket
 * @param buckets       oldest first; the last one is still filling
 */
public record ThroughputSnapshot(
        @JsonProperty("bucket_seconds") int bucketSeconds,
        @JsonProperty("buckets") List<Bucket> buckets) {

    /** @param start the bucket's first second */
    public record Bucket(
            @JsonProperty("start") Instant start,
            @JsonProperty("succeeded") long succeeded,
            @JsonProperty("failed") long failed) {
    }
}
