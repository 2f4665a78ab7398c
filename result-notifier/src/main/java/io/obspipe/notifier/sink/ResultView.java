package io.obspipe.notifier.sink;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.obspipe.model.FileInfo;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;

import java.time.Instant;

/**
 * A result as the query API ({@code GET /api/results}) and the live feed show it: flat, with the
 * field names of the Python system's {@code processing_log} table and log lines (docs/compatibility.md).
 *
 * @param timestamp       when the worker finished the file (the result's {@code timestamp})
 * @param processingTime  seconds the worker spent on the file
 */
public record ResultView(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("status") String status,
        @JsonProperty("file_key") String fileKey,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("dest_bucket") String destBucket,
        @JsonProperty("dest_key") String destKey,
        @JsonProperty("input_size") Long inputSize,
        @JsonProperty("output_size") Long outputSize,
        @JsonProperty("processing_time") Double processingTime,
        @JsonProperty("error") String error,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("timestamp") Instant timestamp) {

    public static ResultView of(ProcessingResult result) {
        ObjectLocation source = result.source();
        ObjectLocation destination = result.destination();
        FileInfo sizes = result.fileInfo();
        return new ResultView(
                result.taskId(),
                result.status().wireName(),
                ResultFields.sourceKey(result),
                source == null ? null : source.bucket(),
                destination == null ? null : destination.bucket(),
                ResultFields.destinationKey(result),
                sizes == null ? null : sizes.inputSize(),
                sizes == null ? null : sizes.outputSize(),
                result.processingTime(),
                result.error(),
                ResultFields.errorCode(result),
                result.workerId(),
                result.timestamp());
    }
}
