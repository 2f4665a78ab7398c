package io.obspipe.analysis;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The analysis worker's settings, bound from its variables (see application.yml and docs/analysis.md).
 *
 * @param fileTypes        file types analysed, by suffix; a trailing .gz is looked through (ANALYSIS_FILE_TYPES)
 * @param prefixes         key prefixes analysed (ANALYSIS_PREFIXES); with file types too, a file must match both
 * @param promptFile       the prompt template; unset = the bundled one (ANALYSIS_PROMPT_FILE)
 * @param excerptBytes     at most this much of the source content, and of the result document, goes into a prompt
 *                         (ANALYSIS_EXCERPT_BYTES)
 * @param rewriteDocument  whether the analysis is also written into the result document; false = it is only in the
 *                         analysis event, one object write per analysis less (ANALYSIS_REWRITE_DOCUMENT)
 * @param baseUrl          the OpenAI-compatible API's base URL, ending in /v1 (ANALYSIS_BASE_URL)
 * @param model            the model asked (ANALYSIS_MODEL)
 * @param timeout          the longest one request may take (ANALYSIS_TIMEOUT)
 * @param keysFile         the API key pool, YAML (ANALYSIS_KEYS_FILE)
 * @param keyStrategy      how a key is picked: least_loaded, round_robin or weighted; unset = the key file's
 *                         selection_strategy, else least_loaded (ANALYSIS_KEY_STRATEGY)
 * @param maxConcurrent    analyses in flight at once in this worker (ANALYSIS_MAX_CONCURRENT)
 * @param maxAttempts      requests one analysis may make before it fails (ANALYSIS_MAX_ATTEMPTS)
 * @param keyWaitTimeout   how long an analysis waits for a key that is not cooling down and has quota (ANALYSIS_KEY_WAIT_TIMEOUT)
 * @param retryBackoff     first pause before retrying after a 5xx or timeout, doubled each time (ANALYSIS_RETRY_BACKOFF)
 * @param topic            where results with their analysis are published (ANALYSIS_TOPIC)
 * @param keyPoolTopic     where key pool snapshots are published (ANALYSIS_KEY_POOL_TOPIC)
 * @param keyPoolInterval  how often a key pool snapshot is published (ANALYSIS_KEY_POOL_INTERVAL)
 * @param workerId         names this worker in snapshots, logs and its transactional id (WORKER_ID, default host-pid)
 * @param transactionalIdPrefix prefix of the producer's transactional.id; the worker id is appended
 * @param shutdownGrace    how long in-flight analyses may finish on shutdown or when partitions are revoked
 *                         (ANALYSIS_SHUTDOWN_GRACE)
 */
@Validated
@ConfigurationProperties("pipeline.analysis")
public record AnalysisProperties(
        @NotNull List<String> fileTypes,
        @NotNull List<String> prefixes,
        Path promptFile,
        @NotNull DataSize excerptBytes,
        boolean rewriteDocument,
        @NotBlank(message = "ANALYSIS_BASE_URL must not be blank") String baseUrl,
        @NotBlank(message = "ANALYSIS_MODEL must not be blank") String model,
        @NotNull Duration timeout,
        Path keysFile,
        String keyStrategy,
        @Min(value = 1, message = "ANALYSIS_MAX_CONCURRENT must be at least 1") int maxConcurrent,
        @Min(value = 1, message = "ANALYSIS_MAX_ATTEMPTS must be at least 1") int maxAttempts,
        @NotNull Duration keyWaitTimeout,
        @NotNull Duration retryBackoff,
        @NotBlank(message = "ANALYSIS_TOPIC must not be blank") String topic,
        @NotBlank(message = "ANALYSIS_KEY_POOL_TOPIC must not be blank") String keyPoolTopic,
        @NotNull Duration keyPoolInterval,
        String workerId,
        @NotNull String transactionalIdPrefix,
        @NotNull Duration shutdownGrace) {

    public AnalysisProperties {
        if (workerId == null || workerId.isBlank()) {
            String host = System.getenv("HOSTNAME");
            workerId = (host == null || host.isBlank() ? "analysis-worker" : host) + "-" + ProcessHandle.current().pid();
        }
    }
}
