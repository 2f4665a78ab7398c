package io.obspipe.platform.kafka;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies KAFKA_SSL_TRUSTSTORE_* and KAFKA_SSL_KEYSTORE_* (mapped onto {@code pipeline.kafka.ssl.*} in
 * pipeline-shared.yml) to every Kafka client as its {@code ssl.*} properties. They are plain file paths
 * (JKS or PKCS12), which Boot's {@code spring.kafka.ssl.*-location} would read as classpath resources,
 * and only the ones set are applied, so SSL to a broker whose certificate a public CA signed keeps the
 * JVM's default trust. A store that is not a readable file, a keystore without its password, or stores
 * with a protocol without TLS stop startup with one sentence.
 */
public class KafkaTlsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "pipelineKafkaTls";

    private record Setting(String variable, String name, String clientProperty, boolean file) {
    }

    private static final Setting TRUSTSTORE = new Setting("KAFKA_SSL_TRUSTSTORE_LOCATION", "truststore-location", "ssl.truststore.location", true);
    private static final Setting KEYSTORE = new Setting("KAFKA_SSL_KEYSTORE_LOCATION", "keystore-location", "ssl.keystore.location", true);
    private static final Setting KEYSTORE_PASSWORD = new Setting("KAFKA_SSL_KEYSTORE_PASSWORD", "keystore-password", "ssl.keystore.password", false);
    private static final List<Setting> SETTINGS = List.of(TRUSTSTORE,
            new Setting("KAFKA_SSL_TRUSTSTORE_PASSWORD", "truststore-password", "ssl.truststore.password", false),
            KEYSTORE, KEYSTORE_PASSWORD);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String protocol = environment.getProperty("spring.kafka.security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Setting setting : SETTINGS) {
            String value = value(environment, setting);
            if (value.isEmpty()) {
                continue;
            }
            if (!protocol.endsWith("SSL")) {
                throw new PipelineConfigurationException(setting.variable() + " is set but KAFKA_SECURITY_PROTOCOL is " + protocol
                        + ": use SSL or SASL_SSL, or remove the KAFKA_SSL_* settings");
            }
            if (setting.file() && !Files.isReadable(Path.of(value))) {
                throw new PipelineConfigurationException(setting.variable() + " names " + value + ", which is not a readable file");
            }
            properties.put("spring.kafka.properties." + setting.clientProperty(), value);
        }
        if (!value(environment, KEYSTORE).isEmpty() && value(environment, KEYSTORE_PASSWORD).isEmpty()) {
            throw new PipelineConfigurationException("KAFKA_SSL_KEYSTORE_LOCATION is set but KAFKA_SSL_KEYSTORE_PASSWORD is not:"
                    + " the client's key cannot be read without it");
        }
        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
        }
    }

    private static String value(ConfigurableEnvironment environment, Setting setting) {
        return environment.getProperty("pipeline.kafka.ssl." + setting.name(), "").strip();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
