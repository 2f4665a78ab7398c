package io.obspipe.generator.publish;

import io.micrometer.core.instrument.Counter;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of sends: asynchronous, with at most {@code maxInFlight} tasks awaiting the broker's
 * acknowledgement, counting outcomes from the callbacks. Sending stops at the first failure (a broker
 * that failed one task would make every further send wait out its timeout). {@link #close()} flushes
 * and waits for every outstanding acknowledgement.
 */
public final class Publication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Publication.class);

    /** flush() returns only after every batch completed, so this only guards against a lost callback. */
    private static final long DRAIN_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, String> template;
    private final String topic;
    private final String bootstrapServers;
    private final Counter publishedCounter;
    private final Counter failedCounter;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    Publication(KafkaTemplate<String, String> template, String topic, String bootstrapServers,
                Counter publishedCounter, Counter failedCounter, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one task must be allowed in flight, got " + maxInFlight);
        }
        this.template = template;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.publishedCounter = publishedCounter;
        this.failedCounter = failedCounter;
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
        inFlight.acquireUninterruptibly();
        try {
            template.send(topic, task.key(), MessageCodec.encodeToString(task))
                    .whenComplete((result, error) -> completed(task.key(), error));
        } catch (RuntimeException e) {
            completed(task.key(), e);
        }
    }

    private void completed(String key, Throwable error) {
        if (error == null) {
            published.incrementAndGet();
            publishedCounter.increment();
        } else {
            failed.incrementAndGet();
            failedCounter.increment();
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
                        + (maxInFlight - inFlight.availablePermits()) + " task(s) on topic '" + topic + "' after a flush");
            }
            inFlight.release(maxInFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka to acknowledge tasks", e);
        }
    }

    public PublishSummary summary() {
        return new PublishSummary(published.get(), failed.get(), firstError.get());
    }
}
