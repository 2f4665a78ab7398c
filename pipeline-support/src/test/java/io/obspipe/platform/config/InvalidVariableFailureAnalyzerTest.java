package io.obspipe.platform.config;

import io.obspipe.platform.storage.ObsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sentence printed at startup for a setting given through a variable, and Boot's own report otherwise. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidVariableFailureAnalyzerTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ObsProperties.class)
    static class Storage {
    }

    private static String description(CapturedOutput output, SpringApplicationBuilder app, String... args) {
        assertThatThrownBy(() -> app.run(args).close()).isNotNull();
        String printed = output.getAll();
        return printed.substring(printed.lastIndexOf("Description:") + "Description:".length(), printed.lastIndexOf("Action:")).strip();
    }

    private static SpringApplicationBuilder storage(String... properties) {
        return new SpringApplicationBuilder(Storage.class).web(WebApplicationType.NONE)
                .properties("spring.config.import=classpath:pipeline-shared.yml", "spring.application.name=analyzer-test", "LOG_FORMAT=console")
                .properties(properties);
    }

    @Test
    void aConstraintBrokenThroughTheYamlPlaceholderNamesTheVariable(CapturedOutput output) {
        assertThat(description(output, storage("OBS_MAX_CONNECTIONS=0")))
                .isEqualTo("OBS_MAX_CONNECTIONS must be greater than or equal to 1 (got \"0\")");
    }

    @Test
    void aValueSetUnderTheSettingsOwnVariableNameIsNamedAsTheUserWroteIt(CapturedOutput output) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("PIPELINE_OBS_CONNECTTIMEOUT", "soon")));

        assertThat(description(output, storage().environment(environment)))
                .isEqualTo("PIPELINE_OBS_CONNECTTIMEOUT must be a duration such as 500ms, 30s or 5m (got \"soon\")");
    }

    @Test
    void aSettingGivenOtherwiseIsLeftToBootsReport(CapturedOutput output) {
        assertThat(description(output, storage(), "--pipeline.obs.connect-timeout=soon"))
                .startsWith("Failed to bind properties under 'pipeline.obs.connect-timeout'");
    }
}
