package io.obspipe.notifier.sink.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * The API key pool as the dashboard shows it ({@code GET /api/key-pool}, event {@code key_pool} of the live feed):
 * the latest snapshot of every analysis worker that published one lately, and each key merged over the workers
 * that use it.
 *
 * @param updatedAt when the newest of the snapshots was taken
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyPoolView(
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("workers") List<Worker> workers,
        @JsonProperty("keys") List<Key> keys) {

    public record Worker(
            @JsonProperty("worker_id") String workerId,
            @JsonProperty("strategy") String strategy,
            @JsonProperty("in_flight") Integer inFlight,
            @JsonProperty("max_concurrent") Integer maxConcurrent,
            @JsonProperty("timestamp") Instant timestamp) {
    }

    /**
     * One key over all workers: the worst state any of them reports (disabled, then cooling, then active), the
     * latest end of a cool-down, in-flight requests and requests per minute summed, the success rate weighted by the
     * workers' requests per minute.
     *
     * @param workers how many workers reported the key
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(
            @JsonProperty("key_id") String keyId,
            @JsonProperty("state") String state,
            @JsonProperty("priority") Integer priority,
            @JsonProperty("in_flight") int inFlight,
            @JsonProperty("requests_per_minute") int requestsPerMinute,
            @JsonProperty("cooling_until") Instant coolingUntil,
            @JsonProperty("success_rate") Double successRate,
            @JsonProperty("workers") int workers) {
    }
}
