package io.obspipe.analysis.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.obspipe.model.Analysis;

import java.time.Duration;

/** The consumer's meters: analyses by outcome, skipped results, consumer delay, queue wait, commits. */
public final class ConsumeMetrics {

    private final MeterRegistry registry;
    private final Timer consumerDelay;
    private final Timer queueWait;
    private final Counter committed;
    private final Counter commitsFailed;

    public ConsumeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.consumerDelay = Timer.builder("pipeline.analysis.consumer.delay")
                .description("Time from a result's timestamp to the analysis worker picking it up")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        this.queueWait = Timer.builder("pipeline.analysis.queue.wait")
                .description("Time a routed result waited for a free analysis thread")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        this.committed = Counter.builder("pipeline.analysis.events.committed")
                .description("Analysis events committed with their results' offsets").register(registry);
        this.commitsFailed = Counter.builder("pipeline.analysis.commits.failed")
                .description("Transactions of analysis events and offsets that failed").register(registry);
    }

    void consumerDelay(Duration delay) {
        consumerDelay.record(delay.isNegative() ? Duration.ZERO : delay);
    }

    void queueWait(Duration waited) {
        queueWait.record(waited);
    }

    void skipped(String reason) {
        Counter.builder("pipeline.analysis.skipped").tag("reason", reason)
                .description("Results read and not analysed").register(registry).increment();
    }

    void analysed(Analysis analysis) {
        Counter.builder("pipeline.analysis.results").tag("status", analysis.succeeded() ? "success" : "failed")
                .tag("error_code", analysis.errorCode() == null ? "none" : analysis.errorCode().wireName())
                .description("Analyses finished, by status and error code").register(registry).increment();
    }

    void committed(int events) {
        committed.increment(events);
    }

    void commitFailed() {
        commitsFailed.increment();
    }
}
