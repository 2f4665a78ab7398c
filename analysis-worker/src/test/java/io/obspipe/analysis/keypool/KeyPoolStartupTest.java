package io.obspipe.analysis.keypool;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.analysis.AnalysisProperties;
import io.obspipe.analysis.route.AnalysisRoutes;
import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key pool as the app's configuration builds it from its variables (application.yml), without Kafka. */
class KeyPoolStartupTest {

    @Configuration
    @EnableConfigurationProperties(AnalysisProperties.class)
    @Import(KeyPoolConfiguration.class)
    static class Wiring {
        @Bean
        AnalysisRoutes routes(AnalysisProperties settings) {
            return AnalysisRoutes.of(settings.fileTypes(), settings.prefixes());
        }

        @Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        KafkaProperties kafkaProperties() {
            return new KafkaProperties();
        }
    }

    @TempDir
    Path dir;

    private static ConfigurableApplicationContext start(String... variables) {
        return new SpringApplicationBuilder(Wiring.class).web(WebApplicationType.NONE).properties(variables).run();
    }

    @Test
    void withNothingRoutedNoKeyFileIsNeeded() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(KeyPool.class).keys()).isEmpty();
        }
    }

    @Test
    void aRoutedWorkerWithoutKeyFileStopsStartupWithOneSentence() {
        assertThatThrownBy(() -> start("ANALYSIS_FILE_TYPES=csv").close()).rootCause()
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessage("ANALYSIS_KEYS_FILE is not set; the analysis worker needs a key file when ANALYSIS_FILE_TYPES or "
                        + "ANALYSIS_PREFIXES route files to analysis.");
    }

    @Test
    void theStrategyVariableWinsOverTheKeyFile() throws IOException {
        Path keys = Files.writeString(dir.resolve("keys.yaml"), """
                selection_strategy: weighted
                keys: [{id: a, api_key: sk-startup-secret, qps_limit: 1, rpm_limit: 60}]
                """);
        try (ConfigurableApplicationContext context = start("ANALYSIS_PREFIXES=reports/", "ANALYSIS_KEYS_FILE=" + keys)) {
            assertThat(context.getBean(KeyPool.class).strategy()).isEqualTo(KeyStrategy.WEIGHTED);
        }
        try (ConfigurableApplicationContext context = start("ANALYSIS_PREFIXES=reports/", "ANALYSIS_KEYS_FILE=" + keys,
                "ANALYSIS_KEY_STRATEGY=round_robin")) {
            assertThat(context.getBean(KeyPool.class).strategy()).isEqualTo(KeyStrategy.ROUND_ROBIN);
        }
    }

    @Test
    void anUnknownStrategyStopsStartupNamingTheVariable() throws IOException {
        Path keys = Files.writeString(dir.resolve("keys.yaml"), "keys: [{id: a, api_key: x, qps_limit: 1, rpm_limit: 60}]");
        assertThatThrownBy(() -> start("ANALYSIS_PREFIXES=reports/", "ANALYSIS_KEYS_FILE=" + keys, "ANALYSIS_KEY_STRATEGY=fastest").close())
                .rootCause().hasMessage("ANALYSIS_KEY_STRATEGY is 'fastest', but it must be one of least_loaded, round_robin, weighted.");
    }
}
