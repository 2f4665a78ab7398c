package io.obspipe.notifier.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The analysis stage's topics the notifier reads beside the results topic, named by the same variables the
 * analysis worker publishes to.
 *
 * @param topic        the analysis stage's result events (a result with its {@code analysis} added), read beside the results topic
 * @param keyPoolTopic the analysis workers' key pool snapshots, shown on the dashboard
 */
@Validated
@ConfigurationProperties("pipeline.notifier.analysis")
public record AnalysisTopicsProperties(
        @NotBlank(message = "ANALYSIS_TOPIC must not be blank") String topic,
        @NotBlank(message = "ANALYSIS_KEY_POOL_TOPIC must not be blank") String keyPoolTopic) {
}
