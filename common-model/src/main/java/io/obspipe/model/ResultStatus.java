package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ResultStatus {
    @JsonProperty("success") SUCCESS,
    @JsonProperty("failed") FAILED;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name on the wire and in metrics. */
    public String wireName() {
        return wireName;
    }
}
