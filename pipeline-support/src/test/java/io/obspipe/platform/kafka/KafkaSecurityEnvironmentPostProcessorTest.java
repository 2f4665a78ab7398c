package io.obspipe.platform.kafka;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSecurityEnvironmentPostProcessorTest {

    private final KafkaSecurityEnvironmentPostProcessor processor = new KafkaSecurityEnvironmentPostProcessor();

    @Test
    void composesJaasConfigForEveryClient() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.kafka.security.protocol", "SASL_PLAINTEXT")
                .withProperty("pipeline.kafka.sasl.mechanism", "SCRAM-SHA-512")
                .withProperty("pipeline.kafka.sasl.username", "alice")
                .withProperty("pipeline.kafka.sasl.password", "p\"w");

        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(env.getProperty("spring.kafka.properties.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"p\\\"w\";");
    }

    @Test
    void leavesPlaintextAlone() {
        MockEnvironment env = new MockEnvironment();

        processor.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.kafka.properties.sasl.jaas.config")).isNull();
    }

    @Test
    void credentialsWithoutSaslProtocolFailFast() {
        MockEnvironment env = new MockEnvironment().withProperty("pipeline.kafka.sasl.username", "alice");

        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessageStartingWith("KAFKA_SASL_USERNAME is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT");
    }

    @Test
    void unknownMechanismIsNamed() {
        assertThatThrownBy(() -> KafkaSecurityEnvironmentPostProcessor.jaasConfig("GSSAPI", "a", "b"))
                .hasMessageStartingWith("KAFKA_SASL_MECHANISM GSSAPI is not supported");
    }
}
