package io.obspipe.platform.kafka;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsCheckTest {

    private final KafkaClientSettingsCheck check = new KafkaClientSettingsCheck(List.of("schema.registry.url"));

    @Test
    void acceptsTheShippedDefaults() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProducer().setAcks("all");
        kafka.getProducer().getProperties().put("enable.idempotence", "true");
        kafka.getConsumer().getProperties().put("session.timeout.ms", "45000");
        kafka.getConsumer().getProperties().put("max.poll.interval.ms", "300000");
        kafka.getProperties().put("schema.registry.url", "http://127.0.0.1:1");

        assertThatCode(() -> check.check(kafka)).doesNotThrowAnyException();
    }

    @Test
    void aConsumerSettingOnTheProducerIsNamed() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProducer().getProperties().put("max.poll.records", "500");

        assertThatThrownBy(() -> check.check(kafka)).isInstanceOf(PipelineConfigurationException.class)
                .hasMessage("'max.poll.records' (in spring.kafka.producer.properties) is a consumer setting and has no effect "
                        + "on the producer: move it to the consumer settings");
    }

    @Test
    void aMisspelledSettingIsNamed() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().getProperties().put("max.poll.recordz", "500");

        assertThatThrownBy(() -> check.check(kafka))
                .hasMessageStartingWith("'max.poll.recordz' (in spring.kafka.consumer.properties) is not a setting of the Java Kafka consumer");
    }

    @Test
    void librdkafkaOnlySettingsAreRejected() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProperties().put("queued.max.messages.kbytes", "65536");

        assertThatThrownBy(() -> check.check(kafka)).hasMessageContaining("'queued.max.messages.kbytes'");
    }

    @Test
    void idempotenceNeedsAcksAll() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProducer().setAcks("1");
        kafka.getProducer().getProperties().put("enable.idempotence", "true");

        assertThatThrownBy(() -> check.check(kafka))
                .hasMessage("the producer is idempotent (enable.idempotence=true) but acks=1: idempotence needs acks=all; set acks to all");
    }

    @Test
    void acksOneIsAllowedWhenIdempotenceIsExplicitlyOff() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProducer().setAcks("1");
        kafka.getProducer().getProperties().put("enable.idempotence", "false");

        assertThatCode(() -> check.check(kafka)).doesNotThrowAnyException();
    }

    @Test
    void sessionTimeoutMustExceedHeartbeat() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().getProperties().put("session.timeout.ms", "3000");
        kafka.getConsumer().getProperties().put("heartbeat.interval.ms", "3000");

        assertThatThrownBy(() -> check.check(kafka)).hasMessageStartingWith(
                "KAFKA_SESSION_TIMEOUT_MS (3000) must be larger than KAFKA_HEARTBEAT_INTERVAL_MS (3000)");
    }

    @Test
    void nonNumericTimeoutIsNamed() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().getProperties().put("session.timeout.ms", "ten seconds");

        assertThatThrownBy(() -> check.check(kafka))
                .hasMessage("Kafka setting session.timeout.ms must be a whole number (got \"ten seconds\")");
    }
}
