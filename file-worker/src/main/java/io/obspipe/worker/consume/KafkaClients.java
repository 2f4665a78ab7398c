package io.obspipe.worker.consume;

import io.obspipe.worker.config.WorkerProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.util.Map;

/**
 * Kafka clients of the poll loop, built from Boot's {@code spring.kafka.*} settings (so the
 * seed's KAFKA_* variables, SASL and TLS apply) plus what the loop's guarantees require.
 */
final class KafkaClients {

    private final KafkaProperties kafka;
    private final WorkerProperties worker;

    KafkaClients(KafkaProperties kafka, WorkerProperties worker) {
        this.kafka = kafka;
        this.worker = worker;
    }

    Consumer<String, String> consumer() {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "file-worker-" + worker.workerId());
        if (worker.groupInstanceId() != null && !worker.groupInstanceId().isBlank()) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, worker.groupInstanceId());
        }
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    Committer committer(OutgoingRecords outgoing) {
        return switch (worker.delivery()) {
            case EXACTLY_ONCE -> new TransactionalCommitter(() -> producer(worker.transactionalIdPrefix() + worker.workerId()), outgoing);
            case AT_LEAST_ONCE -> new AtLeastOnceCommitter(() -> producer(null), outgoing);
        };
    }

    private Producer<String, String> producer(String transactionalId) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "file-worker-" + worker.workerId());
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
