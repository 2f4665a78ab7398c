package io.obspipe.bench.measure;

import java.util.Map;

/**
 * CPU ticks of a changing set of threads, summed over each thread's growth between samples from the first sample on.
 * A thread first seen after the first sample started since the sample before, so all its ticks count; a thread that
 * ended since the last sample loses at most one sampling interval of its ticks. Summing the threads alive at two
 * moments instead would lose every thread that ended in between, and could even go backwards.
 */
final class ThreadTicksGrowth {

    private Map<Long, Long> lastSample;
    private long total;

    /** @param ticks the threads alive now, by thread id */
    void add(Map<Long, Long> ticks) {
        if (lastSample != null) {
            ticks.forEach((thread, now) -> {
                long before = lastSample.getOrDefault(thread, 0L);
                // a smaller figure than before is a new thread that reused the id
                total += now >= before ? now - before : now;
            });
        }
        lastSample = Map.copyOf(ticks);
    }

    /** Ticks used since the first sample. */
    long total() {
        return total;
    }
}
