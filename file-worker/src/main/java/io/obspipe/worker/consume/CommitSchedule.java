package io.obspipe.worker.consume;

import io.obspipe.platform.retry.DoublingBackOff;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * When and what the poll loop commits: every partition's finished prefix in one batch through the
 * {@link Committer}, at most once per {@link #INTERVAL}; after a failed commit the next attempt waits
 * a doubling pause; after a commit of unknown outcome (or a fenced producer) all unfinished work is
 * dropped and every partition restarts from its committed offset (resync).
 * Only the poll-loop thread uses this object.
 */
final class CommitSchedule {

    /** A transaction costs several broker round trips whatever its size: batch the finished tasks of this long. */
    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final DoublingBackOff RETRY_PAUSES = new DoublingBackOff(Duration.ofMillis(100), Duration.ofSeconds(10));
    private static final Duration COMMITTED_OFFSETS_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(CommitSchedule.class);

    private final Committer committer;
    private final WorkerMetrics metrics;
    private final LongSupplier nanoTime;
    private long nextRegularCommit;
    private long nextAttempt;
    private BackOffExecution retryPauses;
    private int failedInARow;
    private boolean resyncNeeded;

    /** @param nanoTime the monotonic clock, {@code System::nanoTime} */
    CommitSchedule(Committer committer, WorkerMetrics metrics, LongSupplier nanoTime) {
        this.committer = committer;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
    }

    /** A commit's outcome is unknown: start no task, fetch nothing, until {@link #resyncIfNeeded} ran. */
    boolean resyncNeeded() {
        return resyncNeeded;
    }

    /** Commits when the last regular commit is {@link #INTERVAL} ago; true when it was time. */
    boolean commitIfDue(Consumer<String, String> consumer, AssignedPartitions partitions) {
        if (nanoTime.getAsLong() < nextRegularCommit) {
            return false;
        }
        commit(consumer, partitions, false);
        nextRegularCommit = nanoTime.getAsLong() + INTERVAL.toNanos();
        return true;
    }

    /** Commits now unless the pause after a failed commit is still running. */
    void commitUnlessPausing(Consumer<String, String> consumer, AssignedPartitions partitions) {
        commit(consumer, partitions, false);
    }

    /** Commits now, pause or not (partitions about to be revoked, shutdown). */
    void commitNow(Consumer<String, String> consumer, AssignedPartitions partitions) {
        commit(consumer, partitions, true);
    }

    private void commit(Consumer<String, String> consumer, AssignedPartitions partitions, boolean force) {
        if (resyncNeeded || (!force && nanoTime.getAsLong() < nextAttempt)) {
            return;
        }
        List<TaskCompletion> batch = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionWork work : partitions.all()) {
            List<TaskCompletion> prefix = work.completedPrefix();
            long next = prefix.isEmpty() ? work.restartOffset() : prefix.get(prefix.size() - 1).record().offset() + 1;
            if (work.drainedBy(prefix)) {
                next = Math.max(next, positionPastMarkers(consumer, work.partition(), next));
            }
            if (!prefix.isEmpty() || next > work.restartOffset()) {
                batch.addAll(prefix);
                offsets.put(work.partition(), new OffsetAndMetadata(next));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            committer.commit(batch, offsets, consumer);
            offsets.forEach((partition, offset) -> partitions.get(partition).committedThrough(offset.offset() - 1));
            metrics.committed(batch.size());
            metrics.deadLettered((int) batch.stream().filter(TaskCompletion::deadLettered).count());
            if (failedInARow > 0) {
                log.info("results are committed again after {} failed attempt(s)", failedInARow);
            }
            failedInARow = 0;
            retryPauses = null;
        } catch (CommitException e) {
            failed(e, batch.size());
            if (e.mustResync()) {
                resyncNeeded = true;
                partitions.pauseAll(consumer);
            }
        }
    }

    private void failed(CommitException e, int pendingResults) {
        metrics.commitFailed();
        failedInARow++;
        if (retryPauses == null) {
            retryPauses = RETRY_PAUSES.start();
        }
        long pause = retryPauses.nextBackOff();
        if (failedInARow == 1 || failedInARow % 10 == 0) {
            log.atWarn().addKeyValue("pending_results", pendingResults).addKeyValue("attempt", failedInARow)
                    .log("could not commit {} result(s), retrying in {} ms: {}", pendingResults, pause, e.getMessage());
        }
        nextAttempt = nanoTime.getAsLong() + Duration.ofMillis(pause).toNanos();
    }

    /**
     * A partition whose every fetched task is finished may end with transaction markers (the generator and
     * other transactional producers write one after each batch): the consumer's position is past them, and
     * committing it rather than the last task's offset + 1 keeps the group's lag at 0 instead of 1 per
     * partition, as kafka-consumer-groups and autoscalers read it. Records between the two were skipped by
     * read_committed (markers, aborted records), never handed out.
     */
    private static long positionPastMarkers(Consumer<String, String> consumer, TopicPartition partition, long next) {
        try {
            return consumer.position(partition, Duration.ZERO);
        } catch (TimeoutException | IllegalStateException e) {
            return next;
        }
    }

    /**
     * After a commit with an unknown outcome: forget all unfinished work and restart every partition
     * from its committed offset (tasks already committed are not redone, the others are).
     */
    void resyncIfNeeded(Consumer<String, String> consumer, AssignedPartitions partitions) {
        if (!resyncNeeded) {
            return;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, COMMITTED_OFFSETS_TIMEOUT);
        for (TopicPartition partition : assigned) {
            PartitionWork work = partitions.get(partition);
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else if (work != null && work.restartOffset() >= 0) {
                consumer.seek(partition, work.restartOffset());
            }
            if (work != null) {
                work.abandon();
            }
        }
        resyncNeeded = false;
        log.warn("restarted {} partition(s) from their committed offsets after an uncertain commit", assigned.size());
    }

    /** Closes the committer's producer. */
    void close() {
        committer.close();
    }
}
