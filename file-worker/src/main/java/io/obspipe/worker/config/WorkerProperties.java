package io.obspipe.worker.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.obspipe.worker.consume.DeliveryMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The worker's settings, bound from the seed's variables (see application.yml).
 *
 * @param poolSize            tasks processed in parallel: 1 = {@code single_process}, more = {@code multi_process}
 * @param cleanupFiles        delete local files after a success
 * @param cleanupOnError      delete local files after a failure; kept for diagnosis otherwise
 * @param downloadDir         where objects are downloaded
 * @param uploadDir           where result documents are written before upload
 * @param maxFileSize         larger objects fail as {@code too_large} before any download
 * @param maxDecompressedSize limit on decompressed gzip content (gzip bomb protection)
 * @param publishResults      publish a result event per task
 * @param processorClasses    custom processors by class name, comma-separated, tried before the built-in ones
 * @param workerId            identifies this worker in results and logs and in its transactional.id; unset = host name
 *                            and process id
 * @param transientRetries    retries of a task whose object store is unavailable before it fails
 * @param retryBackoff        first pause between those retries, doubled each time (at most 30 s)
 * @param delivery            {@code exactly-once} (results and offsets in one Kafka transaction) or {@code at-least-once}
 * @param transactionalIdPrefix prefix of the producer's transactional.id; the worker id is appended
 * @param groupInstanceId     static group membership (rolling restarts without a rebalance); unset = dynamic
 * @param shutdownGrace       on SIGTERM, time for running tasks to finish and be committed
 * @param revokeGrace         on a rebalance, time for tasks of revoked partitions to finish
 * @param tempDiskBudget      local disk the running tasks may hold at once; a task that does not fit waits
 * @param maxUncommittedPerPartition tasks of one partition finished but waiting for a slower earlier task before the
 *                            partition pauses
 */
@Validated
@ConfigurationProperties("pipeline.worker")
public record WorkerProperties(
        @Min(value = 1, message = "POOL_SIZE must be at least 1") int poolSize,
        boolean cleanupFiles,
        boolean cleanupOnError,
        @NotNull(message = "OBS_DOWNLOAD_DIR must be set") Path downloadDir,
        @NotNull(message = "OBS_UPLOAD_DIR must be set") Path uploadDir,
        @NotNull DataSize maxFileSize,
        @NotNull DataSize maxDecompressedSize,
        boolean publishResults,
        @NotNull List<String> processorClasses,
        String workerId,
        @Min(0) int transientRetries,
        @NotNull Duration retryBackoff,
        @NotNull DeliveryMode delivery,
        @NotNull String transactionalIdPrefix,
        String groupInstanceId,
        @NotNull Duration shutdownGrace,
        @NotNull Duration revokeGrace,
        @NotNull DataSize tempDiskBudget,
        @Min(1) int maxUncommittedPerPartition) {

    public WorkerProperties {
        if (workerId == null || workerId.isBlank()) {
            workerId = hostName() + "-" + ProcessHandle.current().pid();
        }
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "file-worker";
        }
    }
}
