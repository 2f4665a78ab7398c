package io.obspipe.generator.plan;

import io.obspipe.platform.config.PipelineConfigurationException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Turns the settings into a {@link GenerationPlan}: picks the mode and rejects contradictions with
 * one sentence ({@link PipelineConfigurationException}) before anything is listed or sent.
 */
public final class GenerationPlanner {

    private GenerationPlanner() {
    }

    public static GenerationPlan plan(GeneratorProperties settings) {
        if (settings.maxInFlight() < 1) {
            fail("GENERATOR_MAX_IN_FLIGHT must be at least 1, got " + settings.maxInFlight());
        }
        if (settings.listParallelism() < 1) {
            fail("GENERATOR_LIST_PARALLELISM must be at least 1, got " + settings.listParallelism());
        }
        if (settings.scanInterval() != null && (settings.scanInterval().isNegative() || settings.scanInterval().isZero())) {
            fail("GENERATOR_SCAN_INTERVAL must be a positive duration such as 60s, got " + settings.scanInterval());
        }
        if (settings.continuous() && GeneratorMode.SINGLE == resolveMode(settings)) {
            fail("GENERATOR_SCAN_INTERVAL is set with SINGLE_FILE: continuous mode rescans a bucket (scan or batch mode);"
                    + " unset one of them");
        }
        if (settings.maxFiles() < 0) {
            fail("MAX_FILES must be 0 (no cap) or a positive number, got " + settings.maxFiles());
        }
        if (settings.singleFile() != null && settings.batchJobsFile() != null) {
            fail("SINGLE_FILE and BATCH_JOBS_FILE are both set: set SINGLE_FILE to publish one object"
                    + " or BATCH_JOBS_FILE to run preset jobs, not both");
        }
        GeneratorMode mode = resolveMode(settings);
        if (settings.destKey() != null && mode != GeneratorMode.SINGLE) {
            fail("DEST_KEY is set but the mode is " + name(mode) + ": DEST_KEY applies to one file (SINGLE_FILE) only,"
                    + " otherwise every task would write to the same result object");
        }
        List<Job> jobs = switch (mode) {
            case SINGLE -> List.of(singleFileJob(settings));
            case BATCH -> distinctListings(BatchJobsFile.read(Path.of(settings.batchJobsFile()), scanJob("defaults", settings)));
            default -> {
                if (settings.sourceBucket() == null) {
                    fail("no bucket to scan: set SOURCE_BUCKET (or OBS_SOURCE_BUCKET)");
                }
                yield List.of(scanJob("scan", settings));
            }
        };
        return new GenerationPlan(mode, jobs, settings.maxInFlight());
    }

    /** Two jobs over the same bucket and prefix would share one memory of what was tasked. */
    private static List<Job> distinctListings(List<ScanJob> jobs) {
        Map<String, String> seen = new HashMap<>();
        for (ScanJob job : jobs) {
            String earlier = seen.putIfAbsent(job.bucket() + "\n" + job.prefix(), job.name());
            if (earlier != null) {
                fail("BATCH_JOBS_FILE jobs '" + earlier + "' and '" + job.name() + "' both scan bucket '" + job.bucket()
                        + "' under prefix '" + job.prefix() + "': merge them into one job");
            }
        }
        return List.copyOf(jobs);
    }

    private static GeneratorMode resolveMode(GeneratorProperties settings) {
        GeneratorMode requested = settings.mode();
        GeneratorMode implied = settings.singleFile() != null ? GeneratorMode.SINGLE
                : settings.batchJobsFile() != null ? GeneratorMode.BATCH : GeneratorMode.SCAN;
        if (requested == GeneratorMode.AUTO || requested == implied) {
            return implied;
        }
        if (requested == GeneratorMode.SINGLE) {
            fail("GENERATOR_MODE=single needs SINGLE_FILE, the key of the object to publish");
        }
        if (requested == GeneratorMode.BATCH) {
            fail("GENERATOR_MODE=batch needs BATCH_JOBS_FILE, the YAML file that lists the jobs");
        }
        String input = implied == GeneratorMode.SINGLE ? "SINGLE_FILE" : "BATCH_JOBS_FILE";
        throw new PipelineConfigurationException("GENERATOR_MODE=" + name(requested) + " but " + input + " is set: unset "
                + input + " or use GENERATOR_MODE=" + name(implied));
    }

    private static ScanJob scanJob(String name, GeneratorProperties settings) {
        return new ScanJob(name, settings.sourceBucket(), settings.filePrefix(), settings.destBucket(), settings.maxFiles());
    }

    private static SingleFileJob singleFileJob(GeneratorProperties settings) {
        String key = settings.singleFile();
        if (settings.sourceBucket() == null) {
            fail("no bucket to read SINGLE_FILE '" + key + "' from: set SOURCE_BUCKET (or OBS_SOURCE_BUCKET)");
        }
        if (key.endsWith("/")) {
            fail("SINGLE_FILE '" + key + "' names a folder, not an object");
        }
        return new SingleFileJob(settings.sourceBucket(), key, settings.destBucket(), settings.destKey());
    }

    private static String name(GeneratorMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static void fail(String sentence) {
        throw new PipelineConfigurationException(sentence);
    }
}
