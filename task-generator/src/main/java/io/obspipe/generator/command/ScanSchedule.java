package io.obspipe.generator.command;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Prometheus needs to tell a generator that stopped scanning: the interval
 * ({@code pipeline.generator.scan.interval}) and when a scan last succeeded
 * ({@code pipeline.generator.scan.last.success}, epoch seconds; the start time until the first success,
 * so a generator that never succeeds is overdue too).
 */
final class ScanSchedule {

    private final Clock clock;
    private final AtomicLong lastSuccessMillis;

    ScanSchedule(Duration interval, Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.lastSuccessMillis = new AtomicLong(clock.millis());
        Gauge.builder("pipeline.generator.scan.interval", () -> interval.toMillis() / 1000.0)
                .description("GENERATOR_SCAN_INTERVAL, the time between two scans in continuous mode")
                .baseUnit("seconds").register(registry);
        Gauge.builder("pipeline.generator.scan.last.success", () -> lastSuccessMillis.get() / 1000.0)
                .description("When the last scan succeeded (epoch seconds; the start time before the first success)")
                .baseUnit("seconds").register(registry);
    }

    void succeeded() {
        lastSuccessMillis.set(clock.millis());
    }
}
