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
 * @param groupId         prefix of the consumer groups (NOTIFIER_GROUP_ID): sink {@code x} reads the results
 *                        topic as group {@code <groupId>-x}
 * @param concurrency     consumer threads per sink (NOTIFIER_CONCURRENCY); more than the topic's partitions stay idle
 * @param summaryInterval how often the running summary is logged when it changed (NOTIFIER_SUMMARY_INTERVAL)
 */
@Validated
@ConfigurationProperties("pipeline.notifier")
public record NotifierProperties(
        @NotBlank(message = "NOTIFIER_GROUP_ID must not be blank") String groupId,
        @Min(value = 1, message = "NOTIFIER_CONCURRENCY must be at least 1") int concurrency,
        @NotNull(message = "NOTIFIER_SUMMARY_INTERVAL must be set")
        @DurationMin(seconds = 1, message = "NOTIFIER_SUMMARY_INTERVAL must be at least 1s") Duration summaryInterval) {
}
