package io.obspipe.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class KafkaBrokerTest {

    private static final String TOPIC = "orders";
    /** Generous for a heavily loaded CI machine; every wait still ends, so a hang fails the test. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path workDir;

    @Test
    void aStartedBrokerHasItsOffsetsAndTransactionStateTopicsAlready() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(workDir);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .contains("__consumer_offsets", "__transaction_state");
        }
    }

    @Test
    void keepsRecordsAcrossRestartOnTheSameAddress() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(workDir)) {
            Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(plaintext)) {
                KafkaTopics.create(admin, List.of(new NewTopic(TOPIC, 6, (short) 1)), PATIENCE);
                assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(PATIENCE.toSeconds(), TimeUnit.SECONDS)
                        .get(TOPIC).partitions()).hasSize(6);
            }
            produce(plaintext, 0, 100);
            assertThat(consumeAll(plaintext, 100)).containsExactlyInAnyOrderElementsOf(values(0, 100));

            String addressBefore = broker.bootstrapServers();
            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(addressBefore);
            try (Admin admin = Admin.create(plaintext)) {
                KafkaTopics.awaitLeaders(admin, List.of(TOPIC), PATIENCE);
            }
            produce(plaintext, 100, 150);
            assertThat(consumeAll(plaintext, 150)).containsExactlyInAnyOrderElementsOf(values(0, 150));
        }
    }

    @Test
    void saslListenerAcceptsItsUserAndRefusesAWrongPassword() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startWithSaslPlain(workDir, "pipeline", "s3cret")) {
            try (Admin admin = Admin.create(sasl(broker, "s3cret"))) {
                assertThat(admin.describeCluster().nodes().get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasSize(1);
            }
            try (Admin admin = Admin.create(sasl(broker, "wrong"))) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    private static Map<String, Object> sasl(KafkaBroker broker, String password) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers(),
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"pipeline\" password=\"" + password + "\";");
    }

    private static List<String> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "record-" + i).toList();
    }

    private static void produce(Map<String, Object> connection, int from, int to) throws Exception {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = values(from, to).stream()
                    .map(value -> producer.send(new ProducerRecord<>(TOPIC, value, value)))
                    .toList();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Reads the topic from the beginning with a fresh consumer group until {@code expected} records arrived. */
    private static List<String> consumeAll(Map<String, Object> connection, int expected) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
