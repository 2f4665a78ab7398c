package io.obspipe.worker.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.obspipe.model.ErrorCode;
import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker's Micrometer meters; names are listed in docs/metrics.md. */
final class WorkerMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("pipeline.worker.tasks.in_flight", inFlight);
        // Present from the start at 0, so increase() and alerts see the first dead letter or retry after a restart.
        deadLettered(0);
        retried(ErrorCode.STORAGE_UNAVAILABLE, 0);
    }

    /**
     * Binds the consumer's own metrics (records lag per partition, fetch rates) until closed. New
     * client metrics (a partition's lag appears after its first fetch) are picked up every 10 s
     * rather than Micrometer's default minute, so the lag of a new assignment shows quickly.
     */
    AutoCloseable bindConsumer(Consumer<?, ?> consumer) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(consumer, Tags.empty(), refresher, Duration.ofSeconds(10));
        clientMetrics.bindTo(registry);
        return () -> {
            clientMetrics.close();
            refresher.shutdownNow();
        };
    }

    void taskStarted() {
        inFlight.incrementAndGet();
    }

    void taskEnded() {
        inFlight.decrementAndGet();
    }

    void taskFinished(ProcessingResult result) {
        String status = result.status().wireName();
        String processor = result.processor() == null ? "none" : result.processor();
        String errorCode = result.errorCode() == null ? "none" : tag(result.errorCode());
        Counter.builder("pipeline.worker.tasks").description("Tasks finished, by outcome")
                .tags("status", status, "processor", processor, "error_code", errorCode).register(registry).increment();
        if (result.processingTime() != null) {
            Timer.builder("pipeline.worker.task.duration").description("Time from taking a task to its result")
                    .tags("status", status).publishPercentileHistogram().register(registry)
                    .record(Duration.ofNanos((long) (result.processingTime() * 1e9)));
        }
        if (result.fileInfo() != null) {
            bytes("in", result.fileInfo().inputSize());
            bytes("out", result.fileInfo().outputSize());
        }
    }

    void retried(ErrorCode code) {
        retried(code, 1);
    }

    private void retried(ErrorCode code, int count) {
        Counter.builder("pipeline.worker.retries").description("Transient failures retried")
                .tag("error_code", tag(code)).register(registry).increment(count);
    }

    void deadLettered(int count) {
        Counter.builder("pipeline.worker.dead_letters").description("Records copied to the dead-letter topic")
                .register(registry).increment(count);
    }

    void committed(int tasks) {
        Counter.builder("pipeline.worker.commits").tag("outcome", "committed").register(registry).increment();
        Counter.builder("pipeline.worker.results.committed").description("Result events committed with their offsets")
                .register(registry).increment(tasks);
    }

    void commitFailed() {
        Counter.builder("pipeline.worker.commits").tag("outcome", "failed").register(registry).increment();
    }

    void rebalance(String kind, int partitions) {
        Counter.builder("pipeline.worker.rebalance.partitions").description("Partitions assigned, revoked or lost")
                .tag("kind", kind).register(registry).increment(partitions);
    }

    private void bytes(String direction, long bytes) {
        DistributionSummary.builder("pipeline.worker.bytes").baseUnit("bytes").description("Bytes read and written per task")
                .tag("direction", direction).register(registry).record(bytes);
    }

    private static String tag(ErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT);
    }
}
