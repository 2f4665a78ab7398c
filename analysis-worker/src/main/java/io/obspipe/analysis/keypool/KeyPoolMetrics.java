package io.obspipe.analysis.keypool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** The pool's meters: provider latency, requests by key and outcome, cool-downs, waits for a key. Keys by id only. */
final class KeyPoolMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Timer keyWait;

    KeyPoolMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("pipeline.analysis.latency")
                .description("Duration of one chat-completions request, whatever its outcome")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
        this.keyWait = Timer.builder("pipeline.analysis.key.wait")
                .description("Time an analysis waited for a key that is not cooling down and has quota")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
    }

    void request(String keyId, String outcome, Duration took) {
        latency.record(took);
        Counter.builder("pipeline.analysis.requests").tag("key_id", keyId).tag("outcome", outcome)
                .description("Chat-completions requests by key id and outcome").register(registry).increment();
    }

    void coolDown(String keyId) {
        Counter.builder("pipeline.analysis.key.cooldowns").tag("key_id", keyId)
                .description("Times a key was put into cool-down after a 429").register(registry).increment();
    }

    void waitedForKey(Duration waited) {
        keyWait.record(waited);
    }

    void gaugeInFlight(KeyPool pool) {
        Gauge.builder("pipeline.analysis.in_flight", pool, KeyPool::inFlight)
                .description("Chat-completions requests in flight").register(registry);
    }
}
