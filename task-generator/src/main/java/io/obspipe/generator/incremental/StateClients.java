package io.obspipe.generator.incremental;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Kafka clients of incremental scans, from the same settings as every other client of the app (brokers,
 * security): transactional producers, one per job range, and read_committed consumers that read the state
 * topic by assigned partition, without a group. Not final: a unit test of {@link JobClients} hands out kafka-clients'
 * mock clients instead.
 */
class StateClients {

    private final Map<String, Object> producer;
    private final Map<String, Object> consumer;
    private final String transactionalIdPrefix;

    StateClients(KafkaProperties kafka, String transactionalIdPrefix) {
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.producer = kafka.buildProducerProperties();
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.consumer = kafka.buildConsumerProperties();
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumer.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    /**
     * The producers of {@code ranges}, each as {@link #transactionalProducer}; their initialisations (broker round
     * trips, and the abort of a killed run's open transaction) run at once rather than one range after another.
     * If one fails, the others are closed and the first failure is thrown.
     */
    Map<Integer, Producer<String, byte[]>> transactionalProducers(JobId job, Collection<Integer> ranges) {
        if (ranges.size() <= 1) {
            Map<Integer, Producer<String, byte[]>> one = new HashMap<>();
            ranges.forEach(range -> one.put(range, transactionalProducer(job, range)));
            return one;
        }
        ExecutorService threads = Executors.newFixedThreadPool(ranges.size(), runnable -> {
            Thread thread = new Thread(runnable, "init-transactions");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Integer, CompletableFuture<Producer<String, byte[]>>> pending = new HashMap<>();
            ranges.forEach(range -> pending.put(range, CompletableFuture.supplyAsync(() -> transactionalProducer(job, range), threads)));
            Map<Integer, Producer<String, byte[]>> created = new HashMap<>();
            List<RuntimeException> failures = new ArrayList<>();
            pending.forEach((range, producer) -> {
                try {
                    created.put(range, producer.join());
                } catch (CompletionException e) {
                    failures.add(e.getCause() instanceof RuntimeException cause ? cause : e);
                }
            });
            if (!failures.isEmpty()) {
                created.values().forEach(Producer::close);
                throw failures.get(0);
            }
            return created;
        } finally {
            threads.shutdown();
        }
    }

    /** A producer fenced by {@code <prefix><job id>-<range>}: a second generator on the same job range stops the first. */
    Producer<String, byte[]> transactionalProducer(JobId job, int range) {
        Map<String, Object> settings = new HashMap<>(producer);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + job.id() + "-" + range);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "task-generator-" + job.id() + "-" + range);
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(settings);
        created.initTransactions();
        return created;
    }

    /** A consumer of the state topic named {@code task-generator-<job id>-<role>}. */
    Consumer<String, byte[]> stateConsumer(JobId job, String role) {
        Map<String, Object> settings = new HashMap<>(consumer);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "task-generator-" + job.id() + "-" + role);
        return new KafkaConsumer<>(settings);
    }
}
