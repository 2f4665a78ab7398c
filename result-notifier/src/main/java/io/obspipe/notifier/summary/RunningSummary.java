package io.obspipe.notifier.summary;

import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.ResultSink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of the results received since the notifier started, by status, and how fast they arrive:
 * over the whole run (total / time since start), over the last minute, and per 10 seconds over the
 * last 10 minutes (the dashboard's chart). Arrival times come from the clock; a rate divides by at
 * least one second, and the last-minute rate by the time since start while that is shorter than a
 * minute, so early rates are neither absurd nor diluted.
 */
public final class RunningSummary implements ResultSink {

    private static final int WINDOW_SECONDS = 60;
    private static final int HISTORY_BUCKET_SECONDS = 10;
    private static final int HISTORY_BUCKETS = 60;

    private final Clock clock;
    private final Instant startedAt;
    private final Map<ResultStatus, Long> counts = new EnumMap<>(ResultStatus.class);
    private final ArrivalRing lastMinute = new ArrivalRing(1, WINDOW_SECONDS);
    private final ArrivalRing history = new ArrivalRing(HISTORY_BUCKET_SECONDS, HISTORY_BUCKETS);
    private Instant lastResultAt;

    public RunningSummary(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        record(result.status());
    }

    public synchronized void record(ResultStatus status) {
        Instant now = clock.instant();
        counts.merge(status, 1L, Long::sum);
        lastMinute.record(now, status);
        history.record(now, status);
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
                rounded(lastMinute.total(now) / windowSeconds),
                startedAt,
                lastResultAt,
                null);
    }

    public synchronized ThroughputSnapshot throughput() {
        return new ThroughputSnapshot(history.bucketSeconds(), history.buckets(clock.instant()));
    }

    private static double rounded(double rate) {
        return Math.round(rate * 1000) / 1000.0;
    }
}
