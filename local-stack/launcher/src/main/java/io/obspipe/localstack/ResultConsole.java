package io.obspipe.localstack;

import io.obspipe.model.FileInfo;
import io.obspipe.model.InvalidMessageException;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints one line per result event of the results topic as it arrives, and counts them. It reads
 * from the end of the topic as it is when {@link #start} returns, so results of earlier runs (the
 * broker keeps its data between runs) are not shown again and none of this run's are missed.
 */
final class ResultConsole implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Thread poller;
    private volatile long lastResultNanos;

    private ResultConsole(KafkaConsumer<byte[], byte[]> consumer, PrintStream out) {
        this.consumer = consumer;
        this.out = out;
        this.poller = new Thread(this::printResults, "result-console");
        this.poller.setDaemon(true);
    }

    /** Starts reading {@code topic}, which must exist; returns once the starting positions are fixed. */
    static ResultConsole start(String bootstrapServers, String topic, PrintStream out) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: asking for the positions fixes them now, before any task is published
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        ResultConsole console = new ResultConsole(consumer, out);
        console.poller.start();
        return console;
    }

    /** A topic just created may not be in the broker's metadata yet: asks again for a while. */
    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("the topic " + topic + " has no partitions");
    }

    private void printResults() {
        try {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    print(record.value());
                }
            }
        } catch (WakeupException closing) {
            // close() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void print(byte[] payload) {
        ProcessingResult result;
        try {
            result = MessageCodec.decodeResult(payload);
        } catch (InvalidMessageException e) {
            out.println("  ? unreadable result event: " + e.getMessage());
            return;
        }
        out.println(describe(result));
        lastResultNanos = System.nanoTime();
        // counted after printing, so a summary written once the count is reached comes after this line
        (result.succeeded() ? succeeded : failed).incrementAndGet();
    }

    /** e.g. {@code ✔ success  samples/a.csv  → processed-files/samples/a.csv.parsed.json  (2.1 KB → 1.3 KB, 0.05 s)}. */
    static String describe(ProcessingResult result) {
        String source = result.source() == null ? "(no source)" : result.source().key();
        if (!result.succeeded()) {
            return "  ✘ failed   " + source + "  " + (result.error() == null ? "(no error message)" : result.error());
        }
        StringBuilder line = new StringBuilder("  ✔ success  ").append(source);
        if (result.destination() != null) {
            line.append("  → ").append(result.destination().bucket()).append('/').append(result.destination().key());
        }
        FileInfo sizes = result.fileInfo();
        if (sizes != null && result.processingTime() != null) {
            line.append(String.format(Locale.ROOT, "  (%s → %s, %.2f s)",
                    sizes.inputSizeFormatted(), sizes.outputSizeFormatted(), result.processingTime()));
        }
        return line.toString();
    }

    int succeeded() {
        return succeeded.get();
    }

    int failed() {
        return failed.get();
    }

    int results() {
        return succeeded() + failed();
    }

    /** {@link System#nanoTime()} of the latest result, 0 before the first. */
    long lastResultNanos() {
        return lastResultNanos;
    }

    /** Waits until {@code expected} results arrived; false once no new result came for {@code idleTimeout}. */
    boolean awaitResults(int expected, Duration idleTimeout) throws InterruptedException {
        int seen = results();
        long idleSince = System.nanoTime();
        while (results() < expected) {
            if (results() != seen) {
                seen = results();
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
