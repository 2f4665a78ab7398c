package io.obspipe.notifier.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The analysis stage's topics the notifier reads beside the results topic, named by the same variables the
 * analysis worker publishes to.
 *
 * @param topic        ANALYSIS_TOPIC: result events with their {@code analysis} added
 * @param keyPoolTopic ANALYSIS_KEY_POOL_TOPIC: the analysis workers' key pool snapshots
 */
@Validated
@ConfigurationProperties("pipeline.notifier.analysis")
public record AnalysisTopicsProperties(
        @NotBlank(message = "ANALYSIS_TOPIC must not be blank") String topic,
        @NotBlank(message = "ANALYSIS_KEY_POOL_TOPIC must not be blank") String keyPoolTopic) {
}
