package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The result event of one task: the seed's success / failure notification
 * ("成功通知格式" / "失败通知格式") plus task id, processing time, worker id and error code.
 * {@code destination} is absent on failure and {@code error} on success, as in the seed. {@code analysis} is present
 * only on the analysis stage's events (see {@link Analysis}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessingResult(
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("worker_type") WorkerType workerType,
        @JsonProperty("status") ResultStatus status,
        @JsonProperty("source") ObjectLocation source,
        @JsonProperty("destination") ObjectLocation destination,
        @JsonProperty("file_info") FileInfo fileInfo,
        @JsonProperty("error") String error,
        @JsonProperty("error_code") ErrorCode errorCode,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("processing_time") Double processingTime,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("processor") String processor,
        @JsonProperty("generated_at") Instant generatedAt,
        @JsonProperty("analysis") Analysis analysis) {

    /** A result without analysis, as file-worker publishes it. */
    public ProcessingResult(Instant timestamp, WorkerType workerType, ResultStatus status, ObjectLocation source,
                            ObjectLocation destination, FileInfo fileInfo, String error, ErrorCode errorCode,
                            String taskId, Double processingTime, String workerId, String processor,
                            Instant generatedAt) {
        this(timestamp, workerType, status, source, destination, fileInfo, error, errorCode, taskId, processingTime,
                workerId, processor, generatedAt, null);
    }

    /** This result with the analysis stage's answer added; every other field stays as it was. */
    public ProcessingResult withAnalysis(Analysis added) {
        return new ProcessingResult(timestamp, workerType, status, source, destination, fileInfo, error, errorCode,
                taskId, processingTime, workerId, processor, generatedAt, added);
    }

    public boolean succeeded() {
        return status == ResultStatus.SUCCESS;
    }
}
