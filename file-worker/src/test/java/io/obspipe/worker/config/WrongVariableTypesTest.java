package io.obspipe.worker.config;

import io.obspipe.localstack.EnvExample;
import io.obspipe.platform.kafka.KafkaSupportConfiguration;
import io.obspipe.platform.storage.ObsProperties;
import io.obspipe.platform.storage.StorageStartupProperties;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every variable of .env.example the worker reads, given a value of the wrong type, stops startup with one
 * sentence naming it. The worker's own application.yml, settings records, Kafka settings check and failure
 * analyzers are used as at startup; no broker is contacted.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrongVariableTypesTest {

    static final String WRONG = "abc";

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("io.obspipe.worker")
    @EnableConfigurationProperties({ObsProperties.class, StorageStartupProperties.class, KafkaProperties.class, ServerProperties.class})
    @Import(KafkaSupportConfiguration.class)
    static class WorkerSettings {
    }

    static Stream<Arguments> typedVariablesTheWorkerReads() {
        String yaml = resource("application.yml") + resource("pipeline-shared.yml");
        return EnvExample.ofProject().typedVariablesReadBy(yaml).stream()
                .flatMap(variable -> variable.expectation().stream().map(expectation -> Arguments.of(variable.name(), expectation)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedVariablesTheWorkerReads")
    void aValueOfTheWrongTypeIsOneSentenceNamingTheVariable(String variable, String expectation, CapturedOutput output) {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("LOG_FORMAT", "console", "KAFKA_CREATE_TOPICS", "false"));
        environment.put(variable, WRONG);
        int before = output.getAll().length();

        assertThatThrownBy(() -> new SpringApplicationBuilder(WorkerSettings.class).web(WebApplicationType.NONE)
                .properties(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new))
                .run().close()).isNotNull();

        String printed = output.getAll().substring(before);
        assertThat(printed).contains("Description:").doesNotContain("Failed to bind");
        String description = EnvExample.failureDescription(printed);
        assertThat(description).startsWith(variable + " " + expectation).endsWith("(got \"" + WRONG + "\")").doesNotContain("\n");
    }

    private static String resource(String name) {
        try {
            return new ClassPathResource(name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
