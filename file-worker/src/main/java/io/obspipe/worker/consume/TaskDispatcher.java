package io.obspipe.worker.consume;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands fetched tasks to free task threads (POOL_SIZE of them), round robin over the partitions so a
 * busy partition does not starve the others. Called from the poll-loop thread only; a task thread
 * hands its completion back through the task's {@link PartitionWork.Slot}.
 */
final class TaskDispatcher {

    private static final Logger log = LoggerFactory.getLogger(TaskDispatcher.class);

    private final RetryingTaskRunner runner;
    private final WorkerMetrics metrics;
    private final int poolSize;
    private final Semaphore freeThreads;
    private final AtomicInteger threadCounter = new AtomicInteger();
    private ExecutorService threads;

    TaskDispatcher(RetryingTaskRunner runner, WorkerMetrics metrics, int poolSize) {
        this.runner = runner;
        this.metrics = metrics;
        this.poolSize = poolSize;
        this.freeThreads = new Semaphore(poolSize);
    }

    /** Starts the task threads. */
    void open() {
        threads = Executors.newFixedThreadPool(poolSize, task -> {
            Thread thread = new Thread(task, "task-worker-" + threadCounter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Interrupts the running tasks; they are left to be redone. */
    void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    boolean allThreadsBusy() {
        return freeThreads.availablePermits() == 0;
    }

    boolean anyThreadBusy() {
        return freeThreads.availablePermits() < poolSize;
    }

    /** Returns when a task thread is free (its permit is left for {@link #dispatch}) or at {@code deadline} (nano time). */
    void awaitFreeThread(long deadline) {
        try {
            if (freeThreads.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                freeThreads.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts fetched tasks, one partition after another, while task threads are free. */
    void dispatch(AssignedPartitions partitions) {
        boolean started = true;
        while (started) {
            started = false;
            for (PartitionWork work : partitions.all()) {
                if (!work.canStart()) {
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
            threads.execute(() -> {
                try {
                    runner.run(slot.record()).ifPresent(slot::complete);
                } catch (RuntimeException | Error e) {
                    log.error("task runner failed for {}: {}", slot.record().key(), e.toString(), e);
                } finally {
                    metrics.taskEnded();
                    freeThreads.release();
                }
            });
        } catch (RejectedExecutionException e) {
            metrics.taskEnded();
            freeThreads.release();
        }
    }
}
