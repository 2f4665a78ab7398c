package io.obspipe.notifier.config;

import io.obspipe.localstack.EnvExample;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.platform.kafka.KafkaSupportConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
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
 * Every variable of .env.example the notifier reads, given a value of the wrong type, stops startup with one
 * sentence naming it. The notifier's own application.yml, settings records, Kafka settings check and failure
 * analyzers are used as at startup; no broker is contacted.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrongVariableTypesTest {

    static final String WRONG = "abc";

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("io.obspipe.notifier")
    @EnableConfigurationProperties({KafkaProperties.class, ServerProperties.class, DataRedisProperties.class})
    @Import({KafkaSupportConfiguration.class, SinkSwitches.class})
    static class NotifierSettings {
    }

    /** The sinks' on/off switches are read by the condition on each sink's beans. */
    @Import({SinkSwitches.Log.class, SinkSwitches.Live.class, SinkSwitches.Database.class, SinkSwitches.Webhook.class,
            SinkSwitches.Redis.class, SinkSwitches.Email.class})
    static class SinkSwitches {
        @ConditionalOnSinkEnabled("log") static class Log { }
        @ConditionalOnSinkEnabled("live") static class Live { }
        @ConditionalOnSinkEnabled("database") static class Database { }
        @ConditionalOnSinkEnabled("webhook") static class Webhook { }
        @ConditionalOnSinkEnabled("redis") static class Redis { }
        @ConditionalOnSinkEnabled("email") static class Email { }
    }

    /** pipeline-shared.yml maps the OBS_* variables too; the notifier never reads them. */
    static Stream<Arguments> typedVariablesTheNotifierReads() {
        String yaml = resource("application.yml") + resource("pipeline-shared.yml");
        return EnvExample.ofProject().typedVariablesReadBy(yaml).stream()
                .filter(variable -> !variable.name().startsWith("OBS_"))
                .flatMap(variable -> variable.expectation().stream().map(expectation -> Arguments.of(variable.name(), expectation)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedVariablesTheNotifierReads")
    void aValueOfTheWrongTypeIsOneSentenceNamingTheVariable(String variable, String expectation, CapturedOutput output) {
        // every sink's settings are bound here, so the ones a switched-on e-mail sink requires are given
        Map<String, String> environment = new LinkedHashMap<>(Map.of("LOG_FORMAT", "console", "KAFKA_CREATE_TOPICS", "false",
                "NOTIFIER_EMAIL_TO", "ops@example.com", "SMTP_HOST", "127.0.0.1", "NOTIFIER_WEBHOOK_URLS", "http://127.0.0.1:9/results"));
        environment.put(variable, WRONG);
        int before = output.getAll().length();

        assertThatThrownBy(() -> new SpringApplicationBuilder(NotifierSettings.class).web(WebApplicationType.NONE)
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
