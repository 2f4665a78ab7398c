package io.obspipe.bench.measure;

import java.util.Arrays;
import java.util.Collection;

/** Rates over completion times, so a run and its baseline are computed the same way. */
public final class Throughput {

    /** Share of the earliest completions left out of a steady-state rate: JIT warm-up, connection set-up. */
    public static final double WARM_UP_SHARE = 0.1;

    private Throughput() {
    }

    /** {@code count} items over the span from {@code startMillis} to the last completion. */
    public static double overall(long startMillis, Collection<Long> completionMillis) {
        long last = completionMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        return perSecond(completionMillis.size(), last - startMillis);
    }

    /** Items per second after the first {@link #WARM_UP_SHARE} of completions. */
    public static double steady(Collection<Long> completionMillis) {
        long[] times = completionMillis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(times);
        int first = (int) (times.length * WARM_UP_SHARE);
        if (times.length - first < 2) {
            return perSecond(times.length, times[times.length - 1] - times[0]);
        }
        return perSecond(times.length - first - 1, times[times.length - 1] - times[first]);
    }

    public static double perSecond(long count, long millis) {
        return count * 1000.0 / Math.max(1, millis);
    }
}
