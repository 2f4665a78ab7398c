package io.obspipe.notifier.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the result notifier, mapped from NOTIFIER_* variables in application.yml. Each sink
 * is switched on with {@code pipeline.notifier.sinks.<name>.enabled} and has its own settings class.
 *
 * @param groupId         prefix of the consumer groups: each sink that leaves the process (database, webhook, Redis,
 *                        e-mail) reads the results topic as group {@code <prefix>-<sink>}, so a slow sink never holds
 *                        back another; the in-process sinks (log, metrics, summary, live feed) share {@code <prefix>-local}
 * @param concurrency     consumer threads per sink that leaves the process; more than the topic's partitions stay idle
 * @param localConcurrency consumer threads of the in-process sinks' shared group ({@code <prefix>-local}); 0: one per core
 * @param summaryInterval how often the running summary is logged when it changed
 */
@Validated
@ConfigurationProperties("pipeline.notifier")
public record NotifierProperties(
        @NotBlank(message = "NOTIFIER_GROUP_ID must not be blank") String groupId,
        @Min(value = 1, message = "NOTIFIER_CONCURRENCY must be at least 1") int concurrency,
        @Min(value = 0, message = "NOTIFIER_LOCAL_CONCURRENCY must be 0 (one thread per core) or more") int localConcurrency,
        @NotNull(message = "NOTIFIER_SUMMARY_INTERVAL must be set")
        @DurationMin(seconds = 1, message = "NOTIFIER_SUMMARY_INTERVAL must be at least 1s") Duration summaryInterval) {

    /** The consumer threads of the in-process sinks' group: NOTIFIER_LOCAL_CONCURRENCY, or one per core when it is 0. */
    public int localThreads() {
        return localConcurrency > 0 ? localConcurrency : Runtime.getRuntime().availableProcessors();
    }
}
