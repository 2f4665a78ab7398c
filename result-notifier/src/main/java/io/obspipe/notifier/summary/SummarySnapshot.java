package io.obspipe.notifier.summary;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The running summary at one moment, as served by {@code GET /api/summary}.
 *
 * @param filesPerSecond           results per second since the notifier started
 * @param lastMinuteFilesPerSecond results per second over the last minute
 * @param lastResultAt             arrival of the latest result; null before the first one
 */
public record SummarySnapshot(
        @JsonProperty("succeeded") long succeeded,
        @JsonProperty("failed") long failed,
        @JsonProperty("total") long total,
        @JsonProperty("files_per_second") double filesPerSecond,
        @JsonProperty("last_minute_files_per_second") double lastMinuteFilesPerSecond,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("last_result_at") Instant lastResultAt) {
}
