package io.obspipe.notifier.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * The running summary at one moment, as served by {@code GET /api/summary}.
 *
 * @param filesPerSecond           results per second since the notifier started
 * @param lastMinuteFilesPerSecond results per second over the last minute
 * @param lastResultAt             arrival of the latest result; null before the first one
 * @param processingLog            results recorded in the processing log per status, each task once
 *                                 and kept across restarts; absent when the database sink is off
 */
public record SummarySnapshot(
        @JsonProperty("succeeded") long succeeded,
        @JsonProperty("failed") long failed,
        @JsonProperty("total") long total,
        @JsonProperty("files_per_second") double filesPerSecond,
        @JsonProperty("last_minute_files_per_second") double lastMinuteFilesPerSecond,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("last_result_at") Instant lastResultAt,
        @JsonProperty("processing_log") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> processingLog) {

    SummarySnapshot withProcessingLog(Map<String, Long> counts) {
        return new SummarySnapshot(succeeded, failed, total, filesPerSecond, lastMinuteFilesPerSecond, startedAt, lastResultAt, counts);
    }
}
