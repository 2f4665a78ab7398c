package io.obspipe.bench.stack;

import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes tasks the way the generator does (key = object key, value = task JSON, acks=all,
 * idempotent), stamping {@code generated_at} when each task is sent. Fails if the broker did not
 * accept every task.
 */
public final class TaskFeed implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public TaskFeed(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // one request at a time: retries can never reorder batches (speed does not matter, tasks are
                // published before a run is measured, or at 100/s)
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new StringSerializer());
        // connects and reads the topic's metadata now: the first send does not wait for it with its task stamped
        producer.partitionsFor(topic);
    }

    /** All tasks at once, waiting for the broker to acknowledge them; fails if any was not accepted. */
    public void publishAll(List<String> keys) {
        keys.forEach(key -> send(key, task(key)));
        flush();
    }

    /**
     * One task every {@code 1/perSecond} seconds on a fixed schedule (a late send does not shift the
     * ones after it), cycling through {@code keys}, for {@code seconds}. Returns the number sent.
     */
    public int publishAtRate(List<String> keys, int perSecond, int seconds) {
        return publishAtRate(keys, perSecond, seconds, TaskFeed::task);
    }

    /** As {@link #publishAtRate(List, int, int)}, with the value {@code payload} makes of each key when it is sent. */
    public int publishAtRate(List<String> keys, int perSecond, int seconds, Function<String, String> payload) {
        long interval = 1_000_000_000L / perSecond;
        int total = perSecond * seconds;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String key = keys.get(i % keys.size());
            send(key, payload.apply(key));
        }
        flush();
        return total;
    }

    private static String task(String key) {
        return MessageCodec.encodeToString(new FileTask(UUID.randomUUID().toString(), key, PipelineEnvironment.SOURCE_BUCKET,
                PipelineEnvironment.DESTINATION_BUCKET, null, null, null, null, Instant.now()));
    }

    private void send(String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    private void flush() {
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " task(s) were not accepted by " + topic, firstFailure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
