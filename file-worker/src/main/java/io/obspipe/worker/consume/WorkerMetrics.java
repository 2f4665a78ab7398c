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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker's Micrometer meters; names are listed in docs/metrics.md. */
final class WorkerMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    // resolved once per tag combination rather than per task: building and looking up a meter id costs more than counting
    private final Map<Outcome, OutcomeMeters> outcomeMeters = new ConcurrentHashMap<>();
    private final DistributionSummary bytesIn;
    private final DistributionSummary bytesOut;
    private final Counter commits;
    private final Counter resultsCommitted;
    private final Counter deadLetters;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytesIn = bytes("in");
        this.bytesOut = bytes("out");
        this.commits = Counter.builder("pipeline.worker.commits").tag("outcome", "committed").register(registry);
        this.resultsCommitted = Counter.builder("pipeline.worker.results.committed")
                .description("Result events committed with their offsets").register(registry);
        registry.gauge("pipeline.worker.tasks.in_flight", inFlight);
        // Present from the start at 0, so increase() and alerts see the first dead letter or retry after a restart.
        this.deadLetters = Counter.builder("pipeline.worker.dead_letters").description("Records copied to the dead-letter topic")
                .register(registry);
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
        outcomeMeters.computeIfAbsent(Outcome.of(result), this::register).record(result);
        if (result.fileInfo() != null) {
            bytesIn.record(result.fileInfo().inputSize());
            bytesOut.record(result.fileInfo().outputSize());
        }
    }

    private OutcomeMeters register(Outcome outcome) {
        Counter tasks = Counter.builder("pipeline.worker.tasks").description("Tasks finished, by outcome")
                .tags("status", outcome.status(), "processor", outcome.processor(), "error_code", outcome.errorCode()).register(registry);
        Timer duration = Timer.builder("pipeline.worker.task.duration").description("Time from taking a task to its result")
                .tags("status", outcome.status()).publishPercentileHistogram().register(registry);
        return new OutcomeMeters(tasks, duration);
    }

    void retried(ErrorCode code) {
        retried(code, 1);
    }

    private void retried(ErrorCode code, int count) {
        Counter.builder("pipeline.worker.retries").description("Transient failures retried")
                .tag("error_code", tag(code)).register(registry).increment(count);
    }

    void deadLettered(int count) {
        deadLetters.increment(count);
    }

    void committed(int tasks) {
        commits.increment();
        resultsCommitted.increment(tasks);
    }

    void commitFailed() {
        Counter.builder("pipeline.worker.commits").tag("outcome", "failed").register(registry).increment();
    }

    void rebalance(String kind, int partitions) {
        Counter.builder("pipeline.worker.rebalance.partitions").description("Partitions assigned, revoked or lost")
                .tag("kind", kind).register(registry).increment(partitions);
    }

    private DistributionSummary bytes(String direction) {
        return DistributionSummary.builder("pipeline.worker.bytes").baseUnit("bytes").description("Bytes read and written per task")
                .tag("direction", direction).register(registry);
    }

    private static String tag(ErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT);
    }

    /** The tags of a finished task's counter. */
    private record Outcome(String status, String processor, String errorCode) {

        static Outcome of(ProcessingResult result) {
            return new Outcome(result.status().wireName(), result.processor() == null ? "none" : result.processor(),
                    result.errorCode() == null ? "none" : tag(result.errorCode()));
        }
    }

    private record OutcomeMeters(Counter tasks, Timer duration) {

        void record(ProcessingResult result) {
            tasks.increment();
            if (result.processingTime() != null) {
                duration.record(Duration.ofNanos((long) (result.processingTime() * 1e9)));
            }
        }
    }
}
