package io.obspipe.generator.incremental;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The Kafka clients of one job's scans: a transactional producer per key range, a consumer of the head and
 * checkpoints, and a consumer per range of the previous manifest. In continuous mode they are kept from one scan
 * to the next, so a scan opens no connections and fences nothing. A producer that a failed transaction left
 * unusable (fenced, not authorised, a commit whose outcome is unknown) is closed, and the next scan creates it
 * again, which fences its transactional id; a consumer that failed is replaced the same way.
 */
final class JobClients implements AutoCloseable {

    private final StateClients factory;
    private final JobId job;
    private final Map<Integer, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();
    private final Map<Integer, KafkaConsumer<String, byte[]>> manifestConsumers = new ConcurrentHashMap<>();
    private KafkaConsumer<String, byte[]> stateConsumer;

    JobClients(StateClients factory, JobId job) {
        this.factory = factory;
        this.job = job;
    }

    /**
     * Creates the producers of the ranges that have none; their {@code initTransactions} aborts what a killed run
     * left open under their ids. True when one was created.
     */
    boolean fence(Collection<Integer> ranges) {
        List<Integer> missing = ranges.stream().filter(range -> !producers.containsKey(range)).toList();
        producers.putAll(factory.transactionalProducers(job, missing));
        return !missing.isEmpty();
    }

    /** Sends what {@code work} sends in one transaction of the range's producer, and commits it. */
    void transaction(int range, String stateTopic, Consumer<Producer<String, byte[]>> work) {
        KafkaProducer<String, byte[]> producer = producers.get(range);
        try {
            producer.beginTransaction();
            work.accept(producer);
            producer.commitTransaction();
        } catch (RuntimeException e) {
            RuntimeException unusable = TransactionFailures.abort(e, producer);
            if (unusable != null) {
                producers.remove(range);
                producer.close(Duration.ZERO);
            }
            throw e instanceof KafkaException kafka ? TransactionFailures.describe(kafka, unusable, stateTopic) : e;
        }
    }

    /** Reads the head and checkpoints; used by one thread at a time, the scan's. */
    KafkaConsumer<String, byte[]> stateConsumer() {
        if (stateConsumer == null) {
            stateConsumer = factory.stateConsumer(job, "state");
        }
        return stateConsumer;
    }

    /** Reads the previous manifest for one range, on that range's thread. */
    KafkaConsumer<String, byte[]> manifestConsumer(int range) {
        return manifestConsumers.computeIfAbsent(range, index -> factory.stateConsumer(job, index + "-manifest"));
    }

    void closeConsumers() {
        if (stateConsumer != null) {
            stateConsumer.close();
            stateConsumer = null;
        }
        manifestConsumers.values().forEach(KafkaConsumer::close);
        manifestConsumers.clear();
    }

    @Override
    public void close() {
        closeConsumers();
        producers.values().forEach(KafkaProducer::close);
        producers.clear();
    }
}
