package io.obspipe.generator.incremental;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The Kafka clients of one job's scans: a transactional producer per key range, a consumer of the head and
 * checkpoints, and a consumer per range of the previous manifest. In continuous mode they are kept from one scan
 * to the next, so a scan opens no connections and fences nothing. A producer that a failed transaction left
 * unusable (fenced, not authorised, a commit whose outcome is unknown) is closed, and the next scan creates it
 * again, which fences its transactional id; a consumer that failed is replaced the same way.
 *
 * <p>A committed transaction's records become readable (read_committed) only once the broker has written its
 * commit markers, which happens after {@code commitTransaction} returns. A kept producer fences nothing that would
 * wait for them, so a scan that starts right after the previous one first {@link #awaitCommittedWrites waits} until
 * what the job committed to the state topic can be read: otherwise it would load an older head or checkpoint and
 * task again what the previous scan tasked.
 */
final class JobClients implements AutoCloseable {

    private final StateClients factory;
    private final JobId job;
    private final Map<Integer, Producer<String, byte[]>> producers = new ConcurrentHashMap<>();
    private final Map<Integer, Consumer<String, byte[]>> manifestConsumers = new ConcurrentHashMap<>();
    /** Per partition of the state topic, the offset after the last record this job's transactions committed to it. */
    private final Map<TopicPartition, Long> committedEnds = new ConcurrentHashMap<>();
    private Consumer<String, byte[]> stateConsumer;

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
    void transaction(int range, String stateTopic, java.util.function.Consumer<TransactionWrites> work) {
        Producer<String, byte[]> producer = producers.get(range);
        TransactionWrites writes = new TransactionWrites(producer, stateTopic);
        try {
            producer.beginTransaction();
            work.accept(writes);
            producer.commitTransaction();
            writes.recordCommittedEnds(committedEnds);
        } catch (RuntimeException e) {
            RuntimeException unusable = TransactionFailures.abort(e, producer);
            if (unusable != null) {
                producers.remove(range);
                producer.close(Duration.ZERO);
            }
            throw e instanceof KafkaException kafka ? TransactionFailures.describe(kafka, unusable, stateTopic) : e;
        }
    }

    /**
     * Waits until a read_committed read of the state topic sees every record this job's transactions committed, up
     * to {@code timeout}; an {@link IncrementalScanException} after that.
     */
    void awaitCommittedWrites(Duration timeout) {
        Map<TopicPartition, Long> expected = new HashMap<>(committedEnds);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!expected.isEmpty()) {
            Map<TopicPartition, Long> readable = stateConsumer().endOffsets(expected.keySet());
            expected.entrySet().removeIf(end -> readable.get(end.getKey()) >= end.getValue());
            if (expected.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IncrementalScanException("the state topic's partitions " + expected.keySet() + " do not yet show"
                        + " what the previous scan committed after " + timeout.toSeconds() + " s (a transaction left open"
                        + " holds them back until it times out); the next scan tries again", null);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IncrementalScanException("interrupted while waiting for the state topic", e);
            }
        }
    }

    /** Reads the head and checkpoints; used by one thread at a time, the scan's. */
    Consumer<String, byte[]> stateConsumer() {
        if (stateConsumer == null) {
            stateConsumer = factory.stateConsumer(job, "state");
        }
        return stateConsumer;
    }

    /** Reads the previous manifest for one range, on that range's thread. */
    Consumer<String, byte[]> manifestConsumer(int range) {
        return manifestConsumers.computeIfAbsent(range, index -> factory.stateConsumer(job, index + "-manifest"));
    }

    void closeConsumers() {
        if (stateConsumer != null) {
            stateConsumer.close();
            stateConsumer = null;
        }
        manifestConsumers.values().forEach(Consumer::close);
        manifestConsumers.clear();
    }

    /** What one transaction sends; remembers the records it sends to the state topic. */
    static final class TransactionWrites {

        private final Producer<String, byte[]> producer;
        private final String stateTopic;
        private final List<Future<RecordMetadata>> stateRecords = new ArrayList<>();

        private TransactionWrites(Producer<String, byte[]> producer, String stateTopic) {
            this.producer = producer;
            this.stateTopic = stateTopic;
        }

        void send(ProducerRecord<String, byte[]> record) {
            Future<RecordMetadata> sent = producer.send(record);
            if (record.topic().equals(stateTopic)) {
                stateRecords.add(sent);
            }
        }

        /** After the commit: every send has its offset. */
        private void recordCommittedEnds(Map<TopicPartition, Long> ends) {
            for (Future<RecordMetadata> sent : stateRecords) {
                try {
                    RecordMetadata record = sent.get();
                    ends.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
                } catch (ExecutionException | InterruptedException e) {
                    throw new IllegalStateException("a committed transaction's send has no offset", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closeConsumers();
        producers.values().forEach(Producer::close);
        producers.clear();
    }
}
