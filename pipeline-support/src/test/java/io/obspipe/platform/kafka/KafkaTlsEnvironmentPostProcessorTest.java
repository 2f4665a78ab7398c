package io.obspipe.platform.kafka;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaTlsEnvironmentPostProcessorTest {

    private final KafkaTlsEnvironmentPostProcessor processor = new KafkaTlsEnvironmentPostProcessor();

    @TempDir
    Path dir;

    @Test
    void appliesTheStoresToEveryClient() throws IOException {
        Path truststore = Files.createFile(dir.resolve("truststore.p12"));
        Path keystore = Files.createFile(dir.resolve("client.p12"));
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.kafka.security.protocol", "ssl")
                .withProperty("pipeline.kafka.ssl.truststore-location", truststore.toString())
                .withProperty("pipeline.kafka.ssl.truststore-password", "trust-pw")
                .withProperty("pipeline.kafka.ssl.keystore-location", keystore.toString())
                .withProperty("pipeline.kafka.ssl.keystore-password", "key-pw");

        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.kafka.properties.ssl.truststore.location")).isEqualTo(truststore.toString());
        assertThat(env.getProperty("spring.kafka.properties.ssl.truststore.password")).isEqualTo("trust-pw");
        assertThat(env.getProperty("spring.kafka.properties.ssl.keystore.location")).isEqualTo(keystore.toString());
        assertThat(env.getProperty("spring.kafka.properties.ssl.keystore.password")).isEqualTo("key-pw");
    }

    @Test
    void leavesTheJvmDefaultTrustWhenNothingIsSet() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.kafka.security.protocol", "SASL_SSL")
                .withProperty("pipeline.kafka.ssl.truststore-location", "");

        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getPropertySources().contains(KafkaTlsEnvironmentPostProcessor.SOURCE_NAME)).isFalse();
    }

    @Test
    void storesWithoutTlsFailFast() throws IOException {
        Path truststore = Files.createFile(dir.resolve("truststore.p12"));
        MockEnvironment env = new MockEnvironment().withProperty("pipeline.kafka.ssl.truststore-location", truststore.toString());

        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessage("KAFKA_SSL_TRUSTSTORE_LOCATION is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: use SSL or SASL_SSL,"
                        + " or remove the KAFKA_SSL_* settings");
    }

    @Test
    void aMissingStoreIsNamed() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.kafka.security.protocol", "SSL")
                .withProperty("pipeline.kafka.ssl.truststore-location", dir.resolve("nowhere.p12").toString());

        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessage("KAFKA_SSL_TRUSTSTORE_LOCATION names " + dir.resolve("nowhere.p12") + ", which is not a readable file");
    }

    @Test
    void aKeystoreWithoutItsPasswordIsNamed() throws IOException {
        Path keystore = Files.createFile(dir.resolve("client.p12"));
        MockEnvironment env = new MockEnvironment().withProperty("spring.kafka.security.protocol", "SSL")
                .withProperty("pipeline.kafka.ssl.keystore-location", keystore.toString());

        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessageStartingWith("KAFKA_SSL_KEYSTORE_LOCATION is set but KAFKA_SSL_KEYSTORE_PASSWORD is not");
    }
}
