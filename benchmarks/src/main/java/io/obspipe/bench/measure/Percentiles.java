package io.obspipe.bench.measure;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a set of durations in milliseconds. */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(Collection<Long> millis) {
        long[] values = millis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return new Percentiles(values);
    }

    /** {@code p} in (0, 100]; the smallest value with at least p % of the values at or below it. */
    public long at(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public int count() {
        return sorted.length;
    }

    /** e.g. {@code 12 / 40 / 95 ms}: p50 / p95 / p99. */
    public String summary() {
        return at(50) + " / " + at(95) + " / " + at(99) + " ms";
    }
}
