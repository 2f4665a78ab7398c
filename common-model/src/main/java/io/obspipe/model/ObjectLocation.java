package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A bucket and key, the {@code source} / {@code destination} of a result. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectLocation(@JsonProperty("bucket") String bucket, @JsonProperty("key") String key) {
}
