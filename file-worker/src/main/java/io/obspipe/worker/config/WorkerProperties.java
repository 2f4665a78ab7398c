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
 * @param poolSize            task threads, i.e. tasks run at once (POOL_SIZE): 1 = single_process, more = multi_process
 * @param cleanupFiles        delete local files after a success (CLEANUP_FILES)
 * @param cleanupOnError      delete local files after a failure (CLEANUP_ON_ERROR); kept for diagnosis otherwise
 * @param downloadDir         where objects are downloaded (OBS_DOWNLOAD_DIR)
 * @param uploadDir           where results are written before upload (OBS_UPLOAD_DIR)
 * @param maxFileSize         larger objects fail as too_large before any download (MAX_FILE_SIZE)
 * @param maxDecompressedSize limit on decompressed gzip content, bomb protection (MAX_DECOMPRESSED_SIZE)
 * @param publishResults      publish a result event per task (KAFKA_ENABLE_PRODUCER)
 * @param processorClasses    custom processors by class name, tried before the built-in ones (WORKER_PROCESSORS / DBC_FACTORY)
 * @param workerId            identifies this worker in results and logs (WORKER_ID, default host-pid)
 * @param transientRetries    retries of a task whose object store is unavailable before it fails (WORKER_TRANSIENT_RETRIES)
 * @param retryBackoff        first pause between those attempts, doubled each time (WORKER_RETRY_BACKOFF)
 * @param delivery            exactly-once (Kafka transactions, default) or at-least-once (WORKER_DELIVERY)
 * @param transactionalIdPrefix prefix of the producer's transactional.id; the worker id is appended (KAFKA_TRANSACTIONAL_ID_PREFIX)
 * @param groupInstanceId     static group membership for rolling restarts (KAFKA_GROUP_INSTANCE_ID), optional
 * @param shutdownGrace       how long running tasks may finish after SIGTERM (WORKER_SHUTDOWN_GRACE)
 * @param revokeGrace         how long running tasks may finish when their partition is revoked (WORKER_REVOKE_GRACE)
 * @param tempDiskBudget      local disk the running tasks may hold at once (WORKER_TEMP_DISK_BUDGET)
 * @param maxUncommittedPerPartition tasks of one partition that may be started but not committed (a slow
 *                            task holds back its partition's commits; beyond this the partition pauses)
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
