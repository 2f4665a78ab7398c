package io.obspipe.bench.measure;

import java.util.Map;

/**
 * A per-thread counter that only grows while its thread lives (CPU ticks, time spent waiting for a core), summed over a
 * changing set of threads as each thread's growth between samples from the first sample on. A thread first seen after
 * the first sample started since the sample before, so all of its count counts; a thread that ended since the last
 * sample loses at most one sampling interval of it. Summing the threads alive at two moments instead would lose every
 * thread that ended in between, and could even go backwards.
 */
final class ThreadCounterGrowth {

    private Map<Long, Long> lastSample;
    private long total;

    /** @param counts the threads alive now, by thread id */
    void add(Map<Long, Long> counts) {
        if (lastSample != null) {
            counts.forEach((thread, now) -> {
                long before = lastSample.getOrDefault(thread, 0L);
                // a smaller figure than before is a new thread that reused the id
                total += now >= before ? now - before : now;
            });
        }
        lastSample = Map.copyOf(counts);
    }

    /** Growth since the first sample. */
    long total() {
        return total;
    }
}
