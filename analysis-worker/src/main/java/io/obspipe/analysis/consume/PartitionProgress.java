package io.obspipe.analysis.consume;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One assigned partition's records between fetch and commit, in offset order; those still to be analysed wait in
 * {@link #toStart}. Offsets are committed only over a contiguous prefix of done records. Loop thread only.
 */
final class PartitionProgress {

    private final TopicPartition partition;
    private final TreeMap<Long, PendingResult> pending = new TreeMap<>();
    private final ArrayDeque<PendingResult> toStart = new ArrayDeque<>();
    private boolean paused;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    void add(PendingResult result, boolean toAnalyse) {
        pending.put(result.record().offset(), result);
        if (toAnalyse) {
            toStart.add(result);
        }
    }

    PendingResult nextToStart() {
        PendingResult next = toStart.poll();
        if (next != null) {
            next.started();
        }
        return next;
    }

    boolean hasToStart() {
        return !toStart.isEmpty();
    }

    int pendingCount() {
        return pending.size();
    }

    /** Started records that are not done yet. */
    boolean anyRunning() {
        return pending.values().stream().anyMatch(PendingResult::running);
    }

    /** The done records at the head of the partition, up to the first one not done. */
    List<PendingResult> donePrefix() {
        List<PendingResult> prefix = new ArrayList<>();
        for (PendingResult result : pending.values()) {
            if (!result.done()) {
                break;
            }
            prefix.add(result);
        }
        return prefix;
    }

    void committedThrough(long offset) {
        pending.headMap(offset, true).clear();
    }

    /** Forgets everything not committed: the partition's next owner (or this worker after a seek) reads it again. */
    void abandon() {
        pending.clear();
        toStart.clear();
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }
}
