package io.obspipe.platform.config;

import io.obspipe.localstack.EnvExample;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
 * Every variable of .env.example an app reads, given a value of the wrong type, stops its startup with one sentence
 * naming it. Each app's test names its settings (its settings records, the Kafka settings check and the failure
 * analyzers, as at startup); its application.yml and pipeline-shared.yml say which variables it reads. No broker is
 * contacted.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WrongVariableTypesContract {

    static final String WRONG = "abc";

    /** The configuration the app's settings are bound by. */
    protected abstract Class<?> settings();

    /** Whether the app reads {@code variable}; pipeline-shared.yml maps some an app never reads. */
    protected boolean reads(String variable) {
        return true;
    }

    /** Variables the settings require beside the one under test. */
    protected Map<String, String> requiredVariables() {
        return Map.of();
    }

    Stream<Arguments> typedVariablesTheAppReads() {
        String yaml = resource("application.yml") + resource("pipeline-shared.yml");
        return EnvExample.ofProject().typedVariablesReadBy(yaml).stream()
                .filter(variable -> reads(variable.name()))
                .flatMap(variable -> variable.expectation().stream().map(expectation -> Arguments.of(variable.name(), expectation)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedVariablesTheAppReads")
    void aValueOfTheWrongTypeIsOneSentenceNamingTheVariable(String variable, String expectation, CapturedOutput output) {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("LOG_FORMAT", "console", "KAFKA_CREATE_TOPICS", "false"));
        environment.putAll(requiredVariables());
        environment.put(variable, WRONG);
        int before = output.getAll().length();

        assertThatThrownBy(() -> new SpringApplicationBuilder(settings()).web(WebApplicationType.NONE)
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
