package io.obspipe.worker.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker reads a large uncompressed UTF-8 CSV, NDJSON or text object: as parts (ranged GETs) parsed on several threads.
 *
 * @param threads  threads per large object, the task's own included: 0 = one per available core, 1 = one stream
 * @param partSize bytes per part; more parts than threads keep the threads evenly busy
 * @param minSize  smaller objects are read as one stream
 */
@Validated
@ConfigurationProperties("pipeline.worker.large-object")
public record LargeObjectProperties(
        @Min(value = 0, message = "WORKER_LARGE_OBJECT_THREADS must be 0 (one per core) or more") int threads,
        @NotNull DataSize partSize,
        @NotNull DataSize minSize) {
}
