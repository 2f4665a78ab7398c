package io.obspipe.generator.publish;

import io.obspipe.generator.route.TaskRoutes;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run of sends, each task to the topic of its route (see {@link TaskRoutes}): asynchronous, with at
 * most {@code maxInFlight} tasks awaiting the broker's acknowledgement, counting outcomes per topic from
 * the callbacks. Sending stops at the first failure (a broker
 * that failed one task would make every further send wait out its timeout). {@link #close()} flushes
 * and waits for every outstanding acknowledgement.
 */
public final class Publication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Publication.class);

    /** flush() returns only after every batch completed, so this only guards against a lost callback. */
    private static final long DRAIN_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, String> template;
    private final TaskRoutes routes;
    private final String bootstrapServers;
    private final Map<String, TaskPublisher.TopicCounters> counters;
    private final Map<String, LongAdder> publishedByTopic = new LinkedHashMap<>();
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    Publication(KafkaTemplate<String, String> template, TaskRoutes routes, String bootstrapServers,
                Map<String, TaskPublisher.TopicCounters> counters, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one task must be allowed in flight, got " + maxInFlight);
        }
        this.template = template;
        this.routes = routes;
        this.bootstrapServers = bootstrapServers;
        this.counters = counters;
        routes.topics().forEach(topic -> publishedByTopic.put(topic, new LongAdder()));
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Sends tasks until there are no more or one has failed; a task is taken from the iterator only when it will be sent. */
    public void sendAll(Iterator<FileTask> tasks) {
        while (!hasFailed() && tasks.hasNext()) {
            send(tasks.next());
        }
    }

    public boolean hasFailed() {
        return failed.get() > 0;
    }

    private void send(FileTask task) {
        String topic = routes.topicFor(task.key());
        inFlight.acquireUninterruptibly();
        try {
            template.send(topic, task.key(), MessageCodec.encodeToString(task))
                    .whenComplete((result, error) -> completed(task.key(), topic, error));
        } catch (RuntimeException e) {
            completed(task.key(), topic, e);
        }
    }

    private void completed(String key, String topic, Throwable error) {
        if (error == null) {
            published.incrementAndGet();
            publishedByTopic.get(topic).increment();
            counters.get(topic).published().increment();
        } else {
            failed.incrementAndGet();
            counters.get(topic).failed().increment();
            String sentence = SendFailures.describe(error, key, topic, bootstrapServers);
            firstError.compareAndSet(null, sentence);
            log.atDebug().addKeyValue("file_key", key).log(sentence);
        }
        inFlight.release();
    }

    @Override
    public void close() {
        template.flush();
        try {
            if (!inFlight.tryAcquire(maxInFlight, DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " did not report the outcome of "
                        + (maxInFlight - inFlight.availablePermits()) + " task(s) on topic(s) '" + String.join(",", routes.topics()) + "' after a flush");
            }
            inFlight.release(maxInFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka to acknowledge tasks", e);
        }
    }

    public PublishSummary summary() {
        Map<String, Long> byTopic = new LinkedHashMap<>();
        publishedByTopic.forEach((topic, count) -> byTopic.put(topic, count.sum()));
        return new PublishSummary(published.get(), failed.get(), firstError.get(), byTopic);
    }
}
