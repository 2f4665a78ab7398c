package io.obspipe.platform.kafka;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the seed's KAFKA_SASL_* variables to every Kafka client (producer, consumer, admin) by
 * composing {@code sasl.mechanism} and {@code sasl.jaas.config} into {@code spring.kafka.properties}.
 * Runs after the config files are read, so {@code pipeline.kafka.sasl.*} placeholders are resolved.
 */
public class KafkaSecurityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "pipelineKafkaSasl";
    private static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configuredMechanism = environment.getProperty("pipeline.kafka.sasl.mechanism", "PLAIN");
        if (!MECHANISMS.contains(configuredMechanism.toUpperCase(Locale.ROOT))) {
            throw new PipelineConfigurationException("KAFKA_SASL_MECHANISM must be one of " + String.join(", ", MECHANISMS)
                    + " (got \"" + configuredMechanism + "\")");
        }
        String username = environment.getProperty("pipeline.kafka.sasl.username", "");
        if (username.isBlank()) {
            return;
        }
        String protocol = environment.getProperty("spring.kafka.security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!protocol.startsWith("SASL_")) {
            throw new PipelineConfigurationException("KAFKA_SASL_USERNAME is set but KAFKA_SECURITY_PROTOCOL is " + protocol
                    + ": use SASL_PLAINTEXT or SASL_SSL, or remove the SASL credentials");
        }
        String mechanism = environment.getProperty("pipeline.kafka.sasl.mechanism", "PLAIN").toUpperCase(Locale.ROOT);
        String password = environment.getProperty("pipeline.kafka.sasl.password", "");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.properties.sasl.mechanism", mechanism);
        properties.put("spring.kafka.properties.sasl.jaas.config", jaasConfig(mechanism, username, password));
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
    }

    static String jaasConfig(String mechanism, String username, String password) {
        String module = switch (mechanism) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default -> throw new PipelineConfigurationException("KAFKA_SASL_MECHANISM " + mechanism
                    + " is not supported with username/password: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
        };
        return module + " required username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
