package io.obspipe.worker.config;

import io.obspipe.platform.config.PipelineConfigurationException;
import io.obspipe.worker.processing.ContentDecoder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WORKER_CHARSET / WORKER_CHARSET_BY_PREFIX through application.yml, and the sentence a bad one stops startup with. */
class TextCharsetSettingsTest {

    @Configuration
    @EnableConfigurationProperties({WorkerProperties.class, TextProperties.class})
    @Import(TextCharsetConfiguration.class)
    static class Binding {
    }

    private static ConfigurableApplicationContext start(String... variables) {
        return new SpringApplicationBuilder(Binding.class).web(WebApplicationType.NONE).properties(variables).run();
    }

    @Test
    void autoIsTheDefault() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(TextProperties.class).charset()).isEqualTo("auto");
            assertThat(context.getBean(ContentDecoder.class)).isNotNull();
        }
    }

    @Test
    void theVariablesBind() {
        try (ConfigurableApplicationContext context = start("WORKER_CHARSET=utf-8", "WORKER_CHARSET_BY_PREFIX=legacy/:GB18030")) {
            TextProperties text = context.getBean(TextProperties.class);
            assertThat(text.charset()).isEqualTo("utf-8");
            assertThat(text.charsetByPrefix()).isEqualTo("legacy/:GB18030");
        }
    }

    @Test
    void anUnknownCharsetStopsStartupWithOneSentenceNamingTheVariable() {
        assertThatThrownBy(() -> start("WORKER_CHARSET_BY_PREFIX=legacy/:GB-18030").close())
                .hasStackTraceContaining(PipelineConfigurationException.class.getName() + ": WORKER_CHARSET_BY_PREFIX names 'GB-18030',"
                        + " which is not a charset this Java runtime knows");
    }
}
