package io.obspipe.generator.command;

import io.obspipe.generator.job.JobExecutor;
import io.obspipe.generator.plan.GenerationPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Continuous mode (GENERATOR_SCAN_INTERVAL): runs the plan's jobs every interval on a thread of its own, from
 * when the application has started until it stops. A failed scan is logged and the next one runs on schedule;
 * on shutdown the scan under way commits its open batch and stops, and the next run resumes after it.
 */
final class ContinuousScanner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContinuousScanner.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final GenerationPlan plan;
    private final JobExecutor executor;
    private final Duration interval;
    private final ScanSchedule schedule;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopSignal = lock.newCondition();
    private volatile boolean stopping;
    private volatile Thread thread;

    ContinuousScanner(GenerationPlan plan, JobExecutor executor, Duration interval, ScanSchedule schedule) {
        this.plan = plan;
        this.executor = executor;
        this.interval = interval;
        this.schedule = schedule;
    }

    @Override
    public void start() {
        stopping = false;
        thread = new Thread(this::scanEveryInterval, "continuous-scan");
        thread.start();
        log.atInfo().addKeyValue("interval_seconds", interval.toSeconds())
                .log("scanning every " + interval.toSeconds() + " s (GENERATOR_SCAN_INTERVAL)");
    }

    private void scanEveryInterval() {
        while (!stopping) {
            long started = System.nanoTime();
            try {
                if (PlanRun.run(plan, executor, () -> stopping).succeeded() && !stopping) {
                    schedule.succeeded();
                }
            } catch (RuntimeException e) {
                String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
                log.atError().setCause(e).log("scan failed: " + reason + "; the next scan runs on schedule");
            }
            awaitNextScan(started);
        }
    }

    private void awaitNextScan(long startedNanos) {
        lock.lock();
        try {
            long waitNanos = interval.toNanos() - (System.nanoTime() - startedNanos);
            while (!stopping && waitNanos > 0) {
                waitNanos = stopSignal.awaitNanos(waitNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        lock.lock();
        try {
            stopSignal.signalAll();
        } finally {
            lock.unlock();
        }
        Thread running = thread;
        if (running != null) {
            try {
                running.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        Thread running = thread;
        return running != null && running.isAlive();
    }
}
