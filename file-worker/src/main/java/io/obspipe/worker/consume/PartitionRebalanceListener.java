package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * What a rebalance does to the worker's partitions. Assigned: fresh, empty work. Revoked (cooperative
 * rebalance, shutdown): running tasks get {@code revokeGrace} to finish, what finished is committed,
 * the rest is left to the partition's next owner. Lost: nothing can be committed any more, the work is
 * dropped. Runs on the poll-loop thread, inside {@code poll}.
 */
final class PartitionRebalanceListener implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionRebalanceListener.class);
    private static final Duration RUNNING_CHECK = Duration.ofMillis(20);

    private final Consumer<String, String> consumer;
    private final AssignedPartitions partitions;
    private final CommitSchedule commits;
    private final WorkerMetrics metrics;
    private final Duration revokeGrace;

    PartitionRebalanceListener(Consumer<String, String> consumer, AssignedPartitions partitions, CommitSchedule commits,
                               WorkerMetrics metrics, Duration revokeGrace) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.commits = commits;
        this.metrics = metrics;
        this.revokeGrace = revokeGrace;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        partitions.assign(assigned);
        if (!assigned.isEmpty()) {
            metrics.rebalance("assigned", assigned.size());
            log.atInfo().addKeyValue("partitions", assigned.toString()).log("partitions assigned: {}", assigned);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        awaitRunningTasks(revoked);
        commits.commitNow(consumer, partitions);
        partitions.release(revoked);
        metrics.rebalance("revoked", revoked.size());
        log.atInfo().addKeyValue("partitions", revoked.toString()).log("partitions revoked: {}", revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        partitions.release(lost);
        metrics.rebalance("lost", lost.size());
        log.atWarn().addKeyValue("partitions", lost.toString())
                .log("partitions lost (their unfinished tasks go to the new owner): {}", lost);
    }

    private void awaitRunningTasks(Collection<TopicPartition> revoked) {
        long deadline = System.nanoTime() + revokeGrace.toNanos();
        try {
            while (partitions.anyRunning(revoked) && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.sleep(RUNNING_CHECK.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
