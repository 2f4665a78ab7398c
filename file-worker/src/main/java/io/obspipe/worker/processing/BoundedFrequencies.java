package io.obspipe.worker.processing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts how often each value occurs, tracking at most a bound of distinct values so memory stays
 * flat: once the bound is reached, new values are no longer tracked (only counted as "capped") and
 * the values already tracked keep counting.
 */
final class BoundedFrequencies {

    private final int bound;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private boolean capped;

    BoundedFrequencies(int bound) {
        this.bound = bound;
    }

    void add(String value) {
        long[] count = counts.get(value);
        if (count != null) {
            count[0]++;
        } else if (counts.size() < bound) {
            counts.put(value, new long[] {1});
        } else {
            capped = true;
        }
    }

    /** Distinct values tracked: the exact number of distinct values unless {@link #capped}. */
    int distinct() {
        return counts.size();
    }

    boolean capped() {
        return capped;
    }

    /** The tracked value seen most often (the first seen on a tie), or null if nothing was added. */
    Map.Entry<String, Long> mostFrequent() {
        Map.Entry<String, long[]> best = null;
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            if (best == null || entry.getValue()[0] > best.getValue()[0]) {
                best = entry;
            }
        }
        return best == null ? null : Map.entry(best.getKey(), best.getValue()[0]);
    }
}
