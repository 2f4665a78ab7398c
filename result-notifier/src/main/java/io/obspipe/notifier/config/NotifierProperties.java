package io.obspipe.notifier.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the result notifier, mapped from NOTIFIER_* variables in application.yml.
 *
 * @param groupId         consumer group of the notifier on the results topic (NOTIFIER_GROUP_ID)
 * @param concurrency     listener threads (NOTIFIER_CONCURRENCY); more than the topic's partitions stay idle
 * @param summaryInterval how often the running summary is logged when it changed (NOTIFIER_SUMMARY_INTERVAL)
 * @param sinks           which sinks receive the results; each is switched on or off on its own
 */
@Validated
@ConfigurationProperties("pipeline.notifier")
public record NotifierProperties(
        @NotBlank(message = "NOTIFIER_GROUP_ID must not be blank") String groupId,
        @Min(value = 1, message = "NOTIFIER_CONCURRENCY must be at least 1") int concurrency,
        @NotNull(message = "NOTIFIER_SUMMARY_INTERVAL must be set")
        @DurationMin(seconds = 1, message = "NOTIFIER_SUMMARY_INTERVAL must be at least 1s") Duration summaryInterval,
        @Valid @NotNull Sinks sinks) {

    /** The switch of every optional sink; the property of sink {@code x} is {@code pipeline.notifier.sinks.x.enabled}. */
    public record Sinks(@Valid @NotNull Toggle log) {
    }

    /** @param enabled whether the sink receives results (NOTIFIER_SINKS_&lt;NAME&gt;_ENABLED) */
    public record Toggle(boolean enabled) {
    }
}
