package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one analysis worker's API key pool, published now and then for the dashboard. It names keys by
 * their {@code id} only; a key's secret never leaves the pool.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyPoolStatus(
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("in_flight") Integer inFlight,
        @JsonProperty("max_concurrent") Integer maxConcurrent,
        @JsonProperty("keys") List<KeyState> keys) {

    /** One key's state: {@code state} is active, cooling or disabled; {@code success_rate} over the last minute. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyState(
            @JsonProperty("key_id") String keyId,
            @JsonProperty("state") String state,
            @JsonProperty("priority") Integer priority,
            @JsonProperty("in_flight") Integer inFlight,
            @JsonProperty("requests_per_minute") Integer requestsPerMinute,
            @JsonProperty("cooling_until") Instant coolingUntil,
            @JsonProperty("success_rate") Double successRate) {
    }
}
