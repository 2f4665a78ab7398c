package io.obspipe.worker.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker's settings bound from the seed's variable names through application.yml, and the sentence a bad one produces. */
class WorkerSettingsTest {

    @Configuration
    @EnableConfigurationProperties(WorkerProperties.class)
    static class Binding {
    }

    private static ConfigurableApplicationContext start(String... variables) {
        return new SpringApplicationBuilder(Binding.class).web(WebApplicationType.NONE).properties(variables).run();
    }

    @Test
    void seedVariablesBind() {
        try (ConfigurableApplicationContext context = start("POOL_SIZE=8", "CLEANUP_FILES=false", "CLEANUP_ON_ERROR=true",
                "DBC_FACTORY=com.acme.Parser", "OBS_DOWNLOAD_DIR=/tmp/dl")) {
            WorkerProperties worker = context.getBean(WorkerProperties.class);
            assertThat(worker.poolSize()).isEqualTo(8);
            assertThat(worker.cleanupFiles()).isFalse();
            assertThat(worker.cleanupOnError()).isTrue();
            assertThat(worker.processorClasses()).containsExactly("com.acme.Parser");
            assertThat(worker.downloadDir()).hasToString("/tmp/dl");
            assertThat(worker.workerId()).isNotBlank();
        }
    }

    @Test
    void aPoolSizeBelowOneStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> start("POOL_SIZE=0").close())
                .hasStackTraceContaining("POOL_SIZE must be at least 1");
    }
}
