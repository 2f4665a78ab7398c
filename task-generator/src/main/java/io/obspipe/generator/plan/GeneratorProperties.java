package io.obspipe.generator.plan;

import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The generator's settings, bound from the seed's variables in application.yml. A blank value is
 * unset (null); how they combine, and what contradicts, is decided by {@link GenerationPlanner}.
 *
 * @param mode          GENERATOR_MODE
 * @param sourceBucket  SOURCE_BUCKET, else OBS_SOURCE_BUCKET
 * @param filePrefix    FILE_PREFIX (scan mode), "" for the whole bucket
 * @param maxFiles      MAX_FILES, 0 or unset = no cap (scan mode)
 * @param destBucket    DEST_BUCKET, else OBS_DEST_BUCKET; unset = the worker's default
 * @param singleFile    SINGLE_FILE (single mode)
 * @param destKey       DEST_KEY (single mode); unset = the worker's default {@code <key>.parsed.json}
 * @param batchJobsFile BATCH_JOBS_FILE (batch mode)
 * @param maxInFlight   GENERATOR_MAX_IN_FLIGHT: tasks sent but not yet acknowledged, at most
 *                      (unset = {@value #DEFAULT_MAX_IN_FLIGHT})
 * @param incremental   GENERATOR_INCREMENTAL: publish a task only for an object version (key, ETag) that never
 *                      had one (scan and batch modes); false = a task for every listed object, no state kept
 * @param reprocess     GENERATOR_REPROCESS: publish every listed object once more (and remember them)
 * @param scanInterval  GENERATOR_SCAN_INTERVAL: rescan every interval as a long-running service; unset = one run
 * @param stateTopic    GENERATOR_STATE_TOPIC: the compacted topic holding what was tasked and the scan progress
 * @param listParallelism GENERATOR_LIST_PARALLELISM: key ranges listed at once (unset = 1)
 * @param taskRoutes    TASK_ROUTES: {@code suffix,suffix:topic;...}, unmatched keys go to KAFKA_TOPIC_TASKS
 */
@Validated
@ConfigurationProperties("pipeline.generator")
public record GeneratorProperties(
        @NotNull(message = "GENERATOR_MODE must be one of auto, scan, single, batch") GeneratorMode mode,
        String sourceBucket,
        String filePrefix,
        Long maxFiles,
        String destBucket,
        String singleFile,
        String destKey,
        String batchJobsFile,
        Integer maxInFlight,
        Boolean incremental,
        Boolean reprocess,
        Duration scanInterval,
        String stateTopic,
        Integer listParallelism,
        String taskRoutes) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;
    public static final String DEFAULT_STATE_TOPIC = "task-generator-state";

    /** Empty variables (e.g. {@code MAX_FILES=} in an .env file) mean unset. */
    public GeneratorProperties {
        maxFiles = maxFiles == null ? 0L : maxFiles;
        maxInFlight = maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : maxInFlight;
        sourceBucket = blankToNull(sourceBucket);
        filePrefix = filePrefix == null ? "" : filePrefix.trim();
        destBucket = blankToNull(destBucket);
        singleFile = blankToNull(singleFile);
        destKey = blankToNull(destKey);
        batchJobsFile = blankToNull(batchJobsFile);
        incremental = incremental == null || incremental;
        reprocess = reprocess != null && reprocess;
        stateTopic = stateTopic == null || stateTopic.isBlank() ? DEFAULT_STATE_TOPIC : stateTopic.trim();
        listParallelism = listParallelism == null ? 1 : listParallelism;
        taskRoutes = blankToNull(taskRoutes);
    }

    public boolean continuous() {
        return scanInterval != null;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
