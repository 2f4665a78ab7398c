package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an analysis failed, after the key pool's retry budget where retrying could help. */
public enum AnalysisErrorCode {
    /** Every attempt was answered 429 or waited past the bound for a key with quota. */
    @JsonProperty("rate_limited") RATE_LIMITED,
    /** No key of the pool is accepted by the provider any more (401 / 403 on each). */
    @JsonProperty("no_valid_key") NO_VALID_KEY,
    /** The provider answered 5xx or timed out on every attempt. */
    @JsonProperty("provider_unavailable") PROVIDER_UNAVAILABLE,
    /** The provider refused the request itself (4xx other than 401 / 403 / 429), e.g. the prompt is too long. */
    @JsonProperty("request_rejected") REQUEST_REJECTED,
    /** The file's content or result document could not be read for the prompt. */
    @JsonProperty("input_unavailable") INPUT_UNAVAILABLE,
    @JsonProperty("internal_error") INTERNAL_ERROR;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name on the wire and in metrics. */
    public String wireName() {
        return wireName;
    }
}
