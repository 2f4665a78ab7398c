package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One assigned partition's tasks: fetched but not started, started (running or finished) in offset
 * order. Tasks of a partition run in parallel, but they are committed strictly in offset order, so
 * a committed offset never covers a task whose result is not committed with it.
 * Only the consumer-loop thread touches this object; {@link Slot#complete} is the one cross-thread call.
 */
final class PartitionWork {

    private final TopicPartition partition;
    private final int maxUncommitted;
    private final ArrayDeque<ConsumerRecord<String, String>> waiting = new ArrayDeque<>();
    private final TreeMap<Long, Slot> started = new TreeMap<>();
    private boolean paused;
    private long restartOffset = -1;

    /** @param maxUncommitted tasks that may be started and not yet committed; beyond it the partition waits */
    PartitionWork(TopicPartition partition, int maxUncommitted) {
        this.partition = partition;
        this.maxUncommitted = maxUncommitted;
    }

    TopicPartition partition() {
        return partition;
    }

    void enqueue(List<ConsumerRecord<String, String>> records) {
        if (restartOffset < 0 && !records.isEmpty()) {
            restartOffset = records.get(0).offset();
        }
        waiting.addAll(records);
    }

    /** The first offset not yet committed that this worker fetched, or -1 if it fetched nothing yet. */
    long restartOffset() {
        return restartOffset;
    }

    /** A fetched task may start now: the partition is under its limit of started, uncommitted tasks. */
    boolean canStart() {
        return !waiting.isEmpty() && started.size() < maxUncommitted;
    }

    /** Fetch no more for now: fetched tasks wait to start, or the limit of uncommitted tasks is reached. */
    boolean shouldPause() {
        return !waiting.isEmpty() || started.size() >= maxUncommitted;
    }

    Slot startNext() {
        ConsumerRecord<String, String> record = waiting.poll();
        Slot slot = new Slot(record);
        started.put(record.offset(), slot);
        return slot;
    }

    /** The finished tasks at the head of the partition, in offset order, up to the first unfinished one. */
    List<TaskCompletion> completedPrefix() {
        List<TaskCompletion> prefix = new ArrayList<>();
        for (Slot slot : started.values()) {
            TaskCompletion completion = slot.completion;
            if (completion == null) {
                break;
            }
            prefix.add(completion);
        }
        return prefix;
    }

    /** Forgets the committed tasks up to and including {@code lastOffset}. */
    void committedThrough(long lastOffset) {
        started.headMap(lastOffset, true).clear();
        restartOffset = lastOffset + 1;
    }

    int running() {
        int running = 0;
        for (Slot slot : started.values()) {
            if (slot.completion == null) {
                running++;
            }
        }
        return running;
    }

    /** Whether committing {@code prefix} leaves nothing of this partition fetched and unfinished. */
    boolean drainedBy(List<TaskCompletion> prefix) {
        return waiting.isEmpty() && prefix.size() == started.size();
    }

    boolean idle() {
        return waiting.isEmpty() && started.isEmpty();
    }

    /** Drops everything not yet committed; running tasks finish unobserved and are redone by the partition's next owner. */
    void abandon() {
        waiting.clear();
        started.clear();
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }

    /** A started task; the worker thread hands its completion over with {@link #complete}. */
    static final class Slot {

        private final ConsumerRecord<String, String> record;
        private volatile TaskCompletion completion;

        private Slot(ConsumerRecord<String, String> record) {
            this.record = record;
        }

        ConsumerRecord<String, String> record() {
            return record;
        }

        void complete(TaskCompletion completion) {
            this.completion = completion;
        }
    }
}
