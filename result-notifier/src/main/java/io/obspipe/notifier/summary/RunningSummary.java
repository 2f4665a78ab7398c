package io.obspipe.notifier.summary;

import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.ResultSink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of the results received since the notifier started, by status, and how fast they arrive:
 * over the whole run (total / time since start) and over the last minute. Arrival times come from
 * the clock; a rate divides by at least one second, and the last-minute rate by the time since
 * start while that is shorter than a minute, so early rates are neither absurd nor diluted.
 */
public final class RunningSummary implements ResultSink {

    private static final int WINDOW_SECONDS = 60;

    private final Clock clock;
    private final Instant startedAt;
    private final Map<ResultStatus, Long> counts = new EnumMap<>(ResultStatus.class);
    /** Arrivals per second of the last minute, in a ring indexed by epoch second modulo the window. */
    private final long[] arrivalsInSecond = new long[WINDOW_SECONDS];
    private final long[] secondOfSlot = new long[WINDOW_SECONDS];
    private Instant lastResultAt;

    public RunningSummary(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
        Arrays.fill(secondOfSlot, Long.MIN_VALUE);
    }

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public void deliver(ProcessingResult result) {
        record(result.status());
    }

    public synchronized void record(ResultStatus status) {
        Instant now = clock.instant();
        counts.merge(status, 1L, Long::sum);
        long second = now.getEpochSecond();
        int slot = Math.floorMod(second, WINDOW_SECONDS);
        if (secondOfSlot[slot] != second) {
            secondOfSlot[slot] = second;
            arrivalsInSecond[slot] = 0;
        }
        arrivalsInSecond[slot]++;
        lastResultAt = now;
    }

    public synchronized SummarySnapshot snapshot() {
        Instant now = clock.instant();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        double elapsedSeconds = Math.max(1.0, Duration.between(startedAt, now).toMillis() / 1000.0);
        double windowSeconds = Math.min(WINDOW_SECONDS, elapsedSeconds);
        return new SummarySnapshot(
                counts.getOrDefault(ResultStatus.SUCCESS, 0L),
                counts.getOrDefault(ResultStatus.FAILED, 0L),
                total,
                rounded(total / elapsedSeconds),
                rounded(arrivalsInLastMinute(now) / windowSeconds),
                startedAt,
                lastResultAt);
    }

    private long arrivalsInLastMinute(Instant now) {
        long currentSecond = now.getEpochSecond();
        long arrivals = 0;
        for (int slot = 0; slot < WINDOW_SECONDS; slot++) {
            long age = currentSecond - secondOfSlot[slot];
            if (age >= 0 && age < WINDOW_SECONDS) {
                arrivals += arrivalsInSecond[slot];
            }
        }
        return arrivals;
    }

    private static double rounded(double rate) {
        return Math.round(rate * 1000) / 1000.0;
    }
}
