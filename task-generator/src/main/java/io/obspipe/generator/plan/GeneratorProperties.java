package io.obspipe.generator.plan;

import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The generator's settings, bound from the seed's variables in application.yml. A blank value is
 * unset (null); how they combine, and what contradicts, is decided by {@link GenerationPlanner}.
 *
 * @param mode          {@code scan}, {@code single} or {@code batch}; {@code auto} = {@code single} with SINGLE_FILE,
 *                      {@code batch} with BATCH_JOBS_FILE, else {@code scan}
 * @param sourceBucket  bucket to scan
 * @param filePrefix    scan mode: only keys under this prefix; unset = the whole bucket
 * @param maxFiles      scan mode: tasks per run at most; 0 or unset = no cap
 * @param destBucket    result bucket written into the tasks; unset = the worker's default
 * @param singleFile    single mode: the object key
 * @param destKey       single mode: the result key; unset = the worker's default {@code <key>.parsed.json}
 * @param batchJobsFile batch mode: file of preset jobs (see {@code task-generator/jobs.example.yml})
 * @param maxInFlight   tasks sent but not yet acknowledged, at most, in single mode and with GENERATOR_INCREMENTAL=false
 *                      (an incremental scan commits its tasks in transactions instead); unset = 1000
 * @param incremental   a task only for an object version (key, ETag) never tasked before (scan and batch modes);
 *                      {@code false} = a task for every listed object, no state kept
 * @param reprocess     publish every listed object once more (a deliberate re-run), then remember them as usual
 * @param scanInterval  e.g. {@code 60s}: continuous mode, a long-running service that rescans every interval and serves
 *                      the actuator on SERVER_PORT; unset or empty = one run, then exit
 * @param stateTopic    compacted topic of what was tasked and how far a scan got, created at startup; deleting it
 *                      re-tasks every object
 * @param listParallelism key ranges listed and published at once (large buckets); unset = 1
 * @param taskRoutes    routing by file type, {@code suffix,suffix:topic;...}, e.g.
 *                      {@code csv,tsv:csv-processing-tasks;json,ndjson,jsonl:json-processing-tasks}: the key's extension
 *                      after the last dot, any case, a trailing {@code .gz} looked through; unmatched keys go to
 *                      KAFKA_TOPIC_TASKS. The route topics and their {@code -dlt} are created at startup; each worker
 *                      group reads one topic
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
