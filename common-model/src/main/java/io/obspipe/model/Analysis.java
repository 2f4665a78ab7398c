package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * The LLM analysis of one processed file, as the analysis stage adds it to the file's result event and result
 * document. {@code key_id} names the API key of the pool that answered, never the key itself. {@code json} holds the
 * answer parsed when the model answered with JSON, {@code text} the answer as it came. On failure {@code error}
 * says why in one sentence and {@code error_code} classifies it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Analysis(
        @JsonProperty("status") ResultStatus status,
        @JsonProperty("model") String model,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("latency_ms") Long latencyMs,
        @JsonProperty("attempts") Integer attempts,
        @JsonProperty("prompt_tokens") Integer promptTokens,
        @JsonProperty("completion_tokens") Integer completionTokens,
        @JsonProperty("text") String text,
        @JsonProperty("json") JsonNode json,
        @JsonProperty("error") String error,
        @JsonProperty("error_code") AnalysisErrorCode errorCode,
        @JsonProperty("analyzed_at") Instant analyzedAt) {

    public boolean succeeded() {
        return status == ResultStatus.SUCCESS;
    }
}
