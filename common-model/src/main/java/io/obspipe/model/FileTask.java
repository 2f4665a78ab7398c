package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * One object to process: the seed's task message ("生成的任务消息格式").
 * Only {@code key} is required; a legacy producer may send nothing else, and
 * {@link #resolve(TaskDefaults, String)} fills in the rest the way the seed system did.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileTask(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("key") String key,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("dest_bucket") String destBucket,
        @JsonProperty("dest_key") String destKey,
        @JsonProperty("size") Long size,
        @JsonProperty("etag") String etag,
        @JsonProperty("last_modified") Instant lastModified,
        @JsonProperty("generated_at") Instant generatedAt) {

    /** The seed's naming of a result object: {@code data/input.csv -> data/input.csv.parsed.json}. */
    public static final String RESULT_SUFFIX = ".parsed.json";

    public static String defaultDestinationKey(String key) {
        return key + RESULT_SUFFIX;
    }

    /**
     * Fills the optional fields a legacy task may leave out.
     *
     * @param defaults   the worker's buckets (OBS_SOURCE_BUCKET / OBS_DEST_BUCKET)
     * @param fallbackId a task id that is stable for this message (e.g. topic-partition-offset),
     *                   used only when the producer sent none
     */
    public FileTask resolve(TaskDefaults defaults, String fallbackId) {
        return new FileTask(
                blankToNull(taskId) != null ? taskId : fallbackId,
                key,
                blankToNull(bucket) != null ? bucket : defaults.sourceBucket(),
                blankToNull(destBucket) != null ? destBucket : defaults.destBucket(),
                blankToNull(destKey) != null ? destKey : defaultDestinationKey(key),
                size, etag, lastModified, generatedAt);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
