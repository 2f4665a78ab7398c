package io.obspipe.notifier.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.obspipe.model.Analysis;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;

import java.time.Instant;

/**
 * An analysis as the live feed, the dashboard and the log show it: the analysed file, the analysis' outcome, and
 * at most {@value #PREVIEW_CHARS} characters of the answer, so that neither a frame nor a log line carries a whole
 * answer (it is in Redis and in the result document).
 *
 * @param fileStatus status of the file's processing, {@code status} that of its analysis
 * @param preview    the start of the answer's text (or of its JSON), {@code …} marking a cut
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisView(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("file_key") String fileKey,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("file_status") String fileStatus,
        @JsonProperty("status") String status,
        @JsonProperty("model") String model,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("latency_ms") Long latencyMs,
        @JsonProperty("attempts") Integer attempts,
        @JsonProperty("prompt_tokens") Integer promptTokens,
        @JsonProperty("completion_tokens") Integer completionTokens,
        @JsonProperty("error") String error,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("analyzed_at") Instant analyzedAt,
        @JsonProperty("preview") String preview) {

    public static final int PREVIEW_CHARS = 300;

    /** The view of an analysis event, whose {@link ProcessingResult#analysis()} is set. */
    public static AnalysisView of(ProcessingResult analyzed) {
        Analysis analysis = analyzed.analysis();
        ObjectLocation source = analyzed.source();
        return new AnalysisView(
                analyzed.taskId(),
                ResultFields.sourceKey(analyzed),
                source == null ? null : source.bucket(),
                analyzed.status() == null ? null : analyzed.status().wireName(),
                analysis.status() == null ? null : analysis.status().wireName(),
                analysis.model(),
                analysis.keyId(),
                analysis.latencyMs(),
                analysis.attempts(),
                analysis.promptTokens(),
                analysis.completionTokens(),
                analysis.error(),
                analysis.errorCode() == null ? null : analysis.errorCode().wireName(),
                analysis.analyzedAt(),
                preview(analysis));
    }

    private static String preview(Analysis analysis) {
        String answer = analysis.text() != null ? analysis.text() : analysis.json() == null ? null : analysis.json().toString();
        if (answer == null || answer.length() <= PREVIEW_CHARS) {
            return answer;
        }
        int end = Character.isHighSurrogate(answer.charAt(PREVIEW_CHARS - 1)) ? PREVIEW_CHARS - 1 : PREVIEW_CHARS;
        return answer.substring(0, end) + "…";
    }
}
