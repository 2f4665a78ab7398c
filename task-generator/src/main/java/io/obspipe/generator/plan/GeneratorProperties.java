package io.obspipe.generator.plan;

import jakarta.validation.constraints.NotNull;
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
        Integer maxInFlight) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;

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
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
