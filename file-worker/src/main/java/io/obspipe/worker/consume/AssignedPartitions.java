package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The work of every partition assigned to this worker, and the back-pressure on them: a partition is
 * paused while its fetched tasks wait to start or its limit of uncommitted tasks is reached, so memory
 * stays bounded and the poll loop keeps polling. Only the poll-loop thread uses this object.
 */
final class AssignedPartitions {

    private final Map<TopicPartition, PartitionWork> byPartition = new LinkedHashMap<>();
    private final int maxUncommittedPerPartition;

    AssignedPartitions(int maxUncommittedPerPartition) {
        this.maxUncommittedPerPartition = maxUncommittedPerPartition;
    }

    void assign(Collection<TopicPartition> assigned) {
        assigned.forEach(partition -> byPartition.put(partition, new PartitionWork(partition, maxUncommittedPerPartition)));
    }

    /** Forgets the partitions' unfinished work: their running tasks finish unobserved, the next owner redoes them. */
    void release(Collection<TopicPartition> gone) {
        for (TopicPartition partition : gone) {
            PartitionWork work = byPartition.remove(partition);
            if (work != null) {
                work.abandon();
            }
        }
    }

    PartitionWork get(TopicPartition partition) {
        return byPartition.get(partition);
    }

    Collection<PartitionWork> all() {
        return byPartition.values();
    }

    /** Queues the fetched records of the partitions still assigned. */
    void enqueue(ConsumerRecords<String, String> records) {
        for (TopicPartition partition : records.partitions()) {
            PartitionWork work = byPartition.get(partition);
            if (work != null) {
                work.enqueue(records.records(partition));
            }
        }
    }

    boolean anyCanStart() {
        return byPartition.values().stream().anyMatch(PartitionWork::canStart);
    }

    /** Some partition has tasks fetched, running or waiting for their commit. */
    boolean anyPending() {
        return byPartition.values().stream().anyMatch(work -> !work.idle());
    }

    boolean anyRunning() {
        return byPartition.values().stream().anyMatch(work -> work.running() > 0);
    }

    boolean anyRunning(Collection<TopicPartition> among) {
        return among.stream().map(byPartition::get).anyMatch(work -> work != null && work.running() > 0);
    }

    /** Pauses the partitions that should fetch no more and resumes the others; {@code holdAll} pauses every one. */
    void applyPauses(Consumer<?, ?> consumer, boolean holdAll) {
        List<TopicPartition> toPause = new ArrayList<>();
        List<TopicPartition> toResume = new ArrayList<>();
        for (PartitionWork work : byPartition.values()) {
            boolean shouldPause = holdAll || work.shouldPause();
            if (shouldPause && !work.paused()) {
                toPause.add(work.partition());
                work.paused(true);
            } else if (!shouldPause && work.paused()) {
                toResume.add(work.partition());
                work.paused(false);
            }
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
    }

    /** Pauses the consumer's whole assignment at once (until {@link #applyPauses} resumes what may fetch). */
    void pauseAll(Consumer<?, ?> consumer) {
        consumer.pause(consumer.assignment());
        byPartition.values().forEach(work -> work.paused(true));
    }
}
