package io.obspipe.analysis.consume;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One assigned partition's records between fetch and commit, in offset order; those still to be analysed wait in
 * {@link #toStart}. An analysis event is published as soon as its analysis is done, not after the slower analyses
 * of earlier results: the committed offset stays at the first result not done, and the offsets published past it
 * travel in the offset's metadata ({@link PublishedAhead}), so whoever reads the partition again skips them. An
 * event waits only behind an earlier result with the same record key (events of one key keep their order), or when
 * it lies more than {@link PublishedAhead#MAX_SPAN} offsets past the committed one. Loop thread only.
 */
final class PartitionProgress {

    /** One partition's share of a transaction: its new committed offset with metadata, and the results published. */
    record Commit(long offset, String metadata, List<PendingResult> published) {
    }

    private final TopicPartition partition;
    private final TreeMap<Long, PendingResult> pending = new TreeMap<>();
    private final ArrayDeque<PendingResult> toStart = new ArrayDeque<>();
    /** Offsets past the committed one whose events are committed (by this worker, or by the one before it). */
    private final NavigableSet<Long> publishedAhead = new TreeSet<>();
    private boolean paused;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /** Starts over from a committed offset whose metadata names {@code published}. */
    void restore(NavigableSet<Long> published) {
        abandon();
        publishedAhead.addAll(published);
    }

    /** True when the event of the result at {@code offset} is committed already: read it, publish nothing. */
    boolean publishedAlready(long offset) {
        return publishedAhead.contains(offset);
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

    /**
     * What the next transaction may commit: the events of the done results not yet published (in offset order) and
     * the offset of the first result not done with the published offsets past it; null when nothing would change.
     */
    Commit nextCommit() {
        if (pending.isEmpty()) {
            return null;
        }
        List<PendingResult> publish = new ArrayList<>();
        NavigableSet<Long> ahead = new TreeSet<>(publishedAhead);
        Set<String> keysWaiting = new HashSet<>();
        long committed = -1;
        boolean prefixMoved = false;
        for (PendingResult result : pending.values()) {
            long offset = result.record().offset();
            if (committed < 0 && result.done()) {
                prefixMoved = true;
                if (result.output() != null) {
                    publish.add(result);
                }
                continue;
            }
            if (committed < 0) {
                committed = offset;
            }
            String key = result.record().key();
            boolean waitsForItsKey = key != null && keysWaiting.contains(key);
            if (result.done() && result.output() != null && !waitsForItsKey && offset - committed < PublishedAhead.MAX_SPAN) {
                publish.add(result);
                ahead.add(offset);
            } else if ((!result.done() || result.output() != null) && key != null) {
                keysWaiting.add(key);
            }
        }
        if (committed < 0) {
            committed = pending.lastKey() + 1;
        }
        if (!prefixMoved && publish.isEmpty()) {
            return null;
        }
        return new Commit(committed, PublishedAhead.encode(committed, ahead), publish);
    }

    /** {@code commit} is committed: forget what lies before its offset, remember what it published past it. */
    void committed(Commit commit) {
        for (PendingResult result : commit.published()) {
            result.published();
            if (result.record().offset() >= commit.offset()) {
                publishedAhead.add(result.record().offset());
            }
        }
        publishedAhead.headSet(commit.offset(), false).clear();
        pending.headMap(commit.offset(), false).clear();
    }

    /** Forgets everything not committed: the partition's next owner (or this worker after a seek) reads it again. */
    void abandon() {
        pending.clear();
        toStart.clear();
        publishedAhead.clear();
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }
}
