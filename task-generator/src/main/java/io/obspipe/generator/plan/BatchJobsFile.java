package io.obspipe.generator.plan;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BATCH_JOBS_FILE: preset scan jobs (see jobs.example.yml), either under a {@code jobs:} key or as a
 * plain list. Each job has {@code name}, {@code bucket}, {@code prefix}, {@code dest_bucket} and
 * {@code max_files}; a field left out falls back to SOURCE_BUCKET, FILE_PREFIX, DEST_BUCKET and
 * MAX_FILES. A misspelt field is an error rather than silently ignored.
 */
final class BatchJobsFile {

    private static final List<String> FIELDS = List.of("name", "bucket", "prefix", "dest_bucket", "max_files");

    private BatchJobsFile() {
    }

    static List<ScanJob> read(Path file, ScanJob defaults) {
        Object document = load(file);
        Object jobs = document instanceof Map<?, ?> map && map.containsKey("jobs") ? map.get("jobs") : document;
        if (!(jobs instanceof List<?> entries)) {
            throw invalid(file, "must hold a list of jobs (under 'jobs:'), see task-generator/jobs.example.yml");
        }
        if (entries.isEmpty()) {
            throw invalid(file, "lists no jobs");
        }
        List<ScanJob> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            result.add(job(file, i + 1, entries.get(i), defaults));
        }
        return result;
    }

    private static Object load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (NoSuchFileException e) {
            throw invalid(file, "does not exist");
        } catch (IOException e) {
            throw invalid(file, "cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw invalid(file, "is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
    }

    private static ScanJob job(Path file, int number, Object entry, ScanJob defaults) {
        if (!(entry instanceof Map<?, ?> fields)) {
            throw invalid(file, "job " + number + " must be a mapping with " + String.join(", ", FIELDS));
        }
        String name = text(file, "job " + number, fields, "name");
        String label = name != null ? "job '" + name + "'" : "job " + number;
        for (Object field : fields.keySet()) {
            if (!FIELDS.contains(String.valueOf(field))) {
                throw invalid(file, label + " has an unknown field '" + field + "': use "
                        + String.join(", ", FIELDS));
            }
        }
        String bucket = orElse(text(file, label, fields, "bucket"), defaults.bucket());
        if (bucket == null) {
            throw invalid(file, label + " names no bucket and neither SOURCE_BUCKET nor OBS_SOURCE_BUCKET is set");
        }
        return new ScanJob(name != null ? name : "job-" + number, bucket,
                orElse(text(file, label, fields, "prefix"), defaults.prefix()),
                orElse(text(file, label, fields, "dest_bucket"), defaults.destBucket()),
                maxFiles(file, label, fields.get("max_files"), defaults.maxFiles()));
    }

    private static String text(Path file, String label, Map<?, ?> fields, String field) {
        Object value = fields.get(field);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw invalid(file, label + ": '" + field + "' must be text");
        }
        return value == null ? null : GeneratorProperties.blankToNull(value.toString());
    }

    private static long maxFiles(Path file, String label, Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && (number instanceof Integer || number instanceof Long) && number.longValue() >= 0) {
            return number.longValue();
        }
        throw invalid(file, label + ": 'max_files' must be 0 (no cap) or a positive whole number, got '" + value + "'");
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static PipelineConfigurationException invalid(Path file, String problem) {
        return new PipelineConfigurationException("BATCH_JOBS_FILE " + file + " " + problem);
    }
}
