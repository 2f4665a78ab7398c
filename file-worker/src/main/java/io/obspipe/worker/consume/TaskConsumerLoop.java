package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The worker's consumer: one thread polls, up to POOL_SIZE worker threads run tasks.
 * <ul>
 *   <li>The poll loop never waits for a task, so a file that takes longer than
 *   {@code max.poll.interval.ms} does not evict the worker; a partition whose fetched records are
 *   not all started is paused, which bounds memory and keeps the loop polling.</li>
 *   <li>Finished tasks are committed in offset order per partition, results and offsets together
 *   (see {@link Committer}); a task is never committed before a task earlier in its partition.</li>
 *   <li>On revocation (cooperative rebalance) running tasks get {@code revokeGrace} to finish and what
 *   finished is committed; the rest is left to the partition's next owner.</li>
 *   <li>On stop (SIGTERM) no new task starts; running ones get {@code shutdownGrace}, then what
 *   finished is committed and the consumer leaves the group.</li>
 * </ul>
 */
public class TaskConsumerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskConsumerLoop.class);
    private static final Duration BUSY_POLL = Duration.ofMillis(5);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration MAX_COMMIT_BACKOFF = Duration.ofSeconds(10);
    /** A transaction costs several broker round trips whatever its size: batch the finished tasks of ~100 ms. */
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    private final String topic;
    private final Supplier<Consumer<String, String>> consumers;
    private final Committer committer;
    private final TaskRunner runner;
    private final WorkerMetrics metrics;
    private final int poolSize;
    private final int maxUncommittedPerPartition;
    private final Duration revokeGrace;
    private final Duration shutdownGrace;

    private final Map<TopicPartition, PartitionWork> partitions = new LinkedHashMap<>();
    private final Semaphore freeThreads;
    private final AtomicInteger threadCounter = new AtomicInteger();
    private ExecutorService workers;
    private Consumer<String, String> consumer;
    private Thread loopThread;
    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile boolean consuming;
    private boolean resyncNeeded;
    private long nextPoll;
    private long nextCommitAttempt;
    private long nextRegularCommit;
    private Duration commitBackoff = Duration.ofMillis(100);
    private int failedCommitsInARow;

    public TaskConsumerLoop(String topic, Supplier<Consumer<String, String>> consumers, Committer committer, TaskRunner runner,
                            WorkerMetrics metrics, int poolSize, int maxUncommittedPerPartition, Duration revokeGrace,
                            Duration shutdownGrace) {
        this.topic = topic;
        this.consumers = consumers;
        this.committer = committer;
        this.runner = runner;
        this.metrics = metrics;
        this.poolSize = poolSize;
        this.maxUncommittedPerPartition = maxUncommittedPerPartition;
        this.revokeGrace = revokeGrace;
        this.shutdownGrace = shutdownGrace;
        this.freeThreads = new Semaphore(poolSize);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopRequested = false;
        workers = Executors.newFixedThreadPool(poolSize, task -> {
            Thread thread = new Thread(task, "task-worker-" + threadCounter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        loopThread = new Thread(this::run, "task-consumer");
        running = true;
        loopThread.start();
    }

    @Override
    public void stop() {
        stopRequested = true;
        Thread thread = loopThread;
        if (thread != null) {
            try {
                thread.join(shutdownGrace.plus(revokeGrace).plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and other beans, so in-flight tasks can still use them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    /** True while the loop polls its consumer (for readiness). */
    public boolean isConsuming() {
        return consuming;
    }

    private void run() {
        try (Consumer<String, String> created = consumers.get();
             var clientMetrics = metrics.bindConsumer(created)) {
            consumer = created;
            consumer.subscribe(List.of(topic), new Rebalances());
            consuming = true;
            while (!stopRequested) {
                iterate();
            }
            drain();
        } catch (Exception e) {
            log.error("the task consumer stopped on an unexpected error: {}", e.toString(), e);
        } finally {
            consuming = false;
            workers.shutdownNow();
            committer.close();
            running = false;
            log.info("task consumer stopped");
        }
    }

    private void iterate() {
        try {
            if (resyncNeeded) {
                resync();
            }
            if (tasksWaitForThread()) {
                // wait for a task to end rather than in poll, so its thread gets the next task at once
                awaitFreeThread(nextPoll);
                if (System.nanoTime() >= nextPoll) {
                    poll(Duration.ZERO);
                }
            } else {
                poll(busy() ? BUSY_POLL : IDLE_POLL);
            }
            // start tasks before a commit blocks this thread, so the task threads never wait for the broker
            dispatch();
            if (System.nanoTime() >= nextRegularCommit) {
                commitFinished(false);
                nextRegularCommit = System.nanoTime() + COMMIT_INTERVAL.toNanos();
                dispatch();
            }
            adjustPauses();
        } catch (WakeupException | InterruptException e) {
            stopRequested = true;
        } catch (KafkaException e) {
            log.warn("Kafka error in the task consumer, retrying in 1 s: {}", e.toString());
            pause(Duration.ofSeconds(1));
        }
    }

    private void poll(Duration timeout) {
        ConsumerRecords<String, String> records = consumer.poll(timeout);
        nextPoll = System.nanoTime() + BUSY_POLL.toNanos();
        if (!resyncNeeded) {
            for (TopicPartition partition : records.partitions()) {
                PartitionWork work = partitions.get(partition);
                if (work != null) {
                    work.enqueue(records.records(partition));
                }
            }
        }
    }

    private boolean busy() {
        return freeThreads.availablePermits() < poolSize || partitions.values().stream().anyMatch(w -> !w.idle());
    }

    /** Fetched tasks could start now but every task thread is busy. */
    private boolean tasksWaitForThread() {
        return !stopRequested && !resyncNeeded && freeThreads.availablePermits() == 0
                && partitions.values().stream().anyMatch(work -> work.hasWaiting() && work.uncommitted() < maxUncommittedPerPartition);
    }

    /** Returns when a task thread is free (its permit is left for {@link #dispatch}) or at {@code deadline} (nano time). */
    private void awaitFreeThread(long deadline) {
        try {
            if (freeThreads.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                freeThreads.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch() {
        if (stopRequested || resyncNeeded) {
            return;
        }
        boolean started = true;
        while (started) {
            started = false;
            for (PartitionWork work : partitions.values()) {
                if (!work.hasWaiting() || work.uncommitted() >= maxUncommittedPerPartition) {
                    continue;
                }
                if (!freeThreads.tryAcquire()) {
                    return;
                }
                start(work.startNext());
                started = true;
            }
        }
    }

    private void start(PartitionWork.Slot slot) {
        metrics.taskStarted();
        try {
            workers.execute(() -> {
                try {
                    runner.run(slot.record()).ifPresent(slot::complete);
                } catch (RuntimeException | Error e) {
                    log.error("task runner failed for {}: {}", slot.record().key(), e.toString(), e);
                } finally {
                    metrics.taskEnded();
                    freeThreads.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            metrics.taskEnded();
            freeThreads.release();
        }
    }

    private void adjustPauses() {
        List<TopicPartition> toPause = new ArrayList<>();
        List<TopicPartition> toResume = new ArrayList<>();
        for (PartitionWork work : partitions.values()) {
            boolean shouldPause = stopRequested || resyncNeeded || work.hasWaiting() || work.uncommitted() >= maxUncommittedPerPartition;
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

    /** Commits every partition's finished prefix in one batch; after a failure waits with backoff unless forced. */
    private void commitFinished(boolean force) {
        if (resyncNeeded || (!force && System.nanoTime() < nextCommitAttempt)) {
            return;
        }
        List<TaskCompletion> batch = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionWork work : partitions.values()) {
            List<TaskCompletion> prefix = work.completedPrefix();
            long next = prefix.isEmpty() ? work.restartOffset() : prefix.get(prefix.size() - 1).record().offset() + 1;
            if (work.drainedBy(prefix)) {
                next = Math.max(next, positionPastMarkers(work.partition(), next));
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
            if (failedCommitsInARow > 0) {
                log.info("results are committed again after {} failed attempt(s)", failedCommitsInARow);
            }
            failedCommitsInARow = 0;
            commitBackoff = Duration.ofMillis(100);
        } catch (CommitException e) {
            metrics.commitFailed();
            failedCommitsInARow++;
            if (failedCommitsInARow == 1 || failedCommitsInARow % 10 == 0) {
                log.atWarn().addKeyValue("pending_results", batch.size()).addKeyValue("attempt", failedCommitsInARow)
                        .log("could not commit {} result(s), retrying in {} ms: {}", batch.size(), commitBackoff.toMillis(), e.getMessage());
            }
            nextCommitAttempt = System.nanoTime() + commitBackoff.toNanos();
            commitBackoff = commitBackoff.multipliedBy(2).compareTo(MAX_COMMIT_BACKOFF) > 0 ? MAX_COMMIT_BACKOFF : commitBackoff.multipliedBy(2);
            if (e.mustResync()) {
                resyncNeeded = true;
                consumer.pause(consumer.assignment());
                partitions.values().forEach(work -> work.paused(true));
            }
        }
    }

    /**
     * A partition whose every fetched task is finished may end with transaction markers (the generator and
     * other transactional producers write one after each batch): the consumer's position is past them, and
     * committing it rather than the last task's offset + 1 keeps the group's lag at 0 instead of 1 per
     * partition, as kafka-consumer-groups and autoscalers read it. Records between the two were skipped by
     * read_committed (markers, aborted records), never handed out.
     */
    private long positionPastMarkers(TopicPartition partition, long next) {
        try {
            return consumer.position(partition, Duration.ZERO);
        } catch (org.apache.kafka.common.errors.TimeoutException | IllegalStateException e) {
            return next;
        }
    }

    /**
     * After a commit with an unknown outcome: forget all unfinished work and restart every partition
     * from its committed offset (tasks already committed are not redone, the others are).
     */
    private void resync() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, Duration.ofSeconds(30));
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

    private void drain() {
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        adjustPauses();
        while (anyRunning() && System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(50));
                commitFinished(false);
            } catch (KafkaException e) {
                pause(Duration.ofMillis(200));
            }
        }
        commitFinished(true);
        if (anyRunning()) {
            log.warn("shutdown grace of {} s ended with tasks still running; they will be redone by another worker",
                    shutdownGrace.toSeconds());
        }
    }

    private boolean anyRunning() {
        return partitions.values().stream().anyMatch(work -> work.running() > 0);
    }

    private boolean anyRunning(Collection<TopicPartition> among) {
        return among.stream().map(partitions::get).anyMatch(work -> work != null && work.running() > 0);
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the loop thread, inside poll. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            assigned.forEach(partition -> partitions.put(partition, new PartitionWork(partition)));
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
            long deadline = System.nanoTime() + revokeGrace.toNanos();
            while (anyRunning(revoked) && System.nanoTime() < deadline) {
                pause(Duration.ofMillis(20));
            }
            commitFinished(true);
            release(revoked);
            metrics.rebalance("revoked", revoked.size());
            log.atInfo().addKeyValue("partitions", revoked.toString()).log("partitions revoked: {}", revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            release(lost);
            metrics.rebalance("lost", lost.size());
            log.atWarn().addKeyValue("partitions", lost.toString())
                    .log("partitions lost (their unfinished tasks go to the new owner): {}", lost);
        }

        private void release(Collection<TopicPartition> gone) {
            for (TopicPartition partition : gone) {
                PartitionWork work = partitions.remove(partition);
                if (work != null) {
                    work.abandon();
                }
            }
        }
    }
}
