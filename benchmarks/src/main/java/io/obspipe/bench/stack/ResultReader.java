package io.obspipe.bench.stack;

import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Reads a lane's result events from the start of the topic, as a read_committed consumer sees them. */
public final class ResultReader {

    private ResultReader() {
    }

    /** A result event and when this reader received it. */
    public record Received(ProcessingResult result, Instant at) {
    }

    /** Blocks until {@code expected} results arrived; fails with how many did if the timeout passes first. */
    public static List<ProcessingResult> await(String bootstrapServers, String topic, int expected, Duration timeout) {
        return awaitReceived(bootstrapServers, topic, expected, timeout).stream().map(Received::result).toList();
    }

    /** As {@link #await}, with the time each result was received (read it while the results are produced). */
    public static List<Received> awaitReceived(String bootstrapServers, String topic, int expected, Duration timeout) {
        List<Received> results = new ArrayList<>(expected);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, BenchStack.PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (results.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + results.size() + " of " + expected + " results on " + topic
                            + " within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    results.add(new Received(MessageCodec.decodeResult(record.value()), Instant.now()));
                }
            }
        }
        return results;
    }
}
