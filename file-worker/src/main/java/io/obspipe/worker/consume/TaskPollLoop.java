package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The worker's Kafka side: one thread owns the consumer of the tasks topic and turns the loop; the
 * tasks themselves run on the {@link TaskDispatcher}'s threads, each through a {@link RetryingTaskRunner}
 * (retries, dead-letter decision) that calls the task handler once per attempt.
 * <ul>
 *   <li>The loop never waits for a task, so a file that takes longer than {@code max.poll.interval.ms}
 *   does not evict the worker; {@link AssignedPartitions} pauses partitions to bound what is fetched.</li>
 *   <li>{@link CommitSchedule} commits finished tasks in offset order per partition, results and offsets
 *   together (see {@link Committer}); a task is never committed before a task earlier in its partition.</li>
 *   <li>{@link PartitionRebalanceListener} lets running tasks of a revoked partition finish within
 *   {@code revokeGrace} and commits them.</li>
 *   <li>On stop (SIGTERM) no new task starts; running ones get {@code shutdownGrace}, then what
 *   finished is committed and the consumer leaves the group.</li>
 * </ul>
 */
final class TaskPollLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskPollLoop.class);
    private static final Duration BUSY_POLL = Duration.ofMillis(5);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);
    private static final Duration KAFKA_ERROR_PAUSE = Duration.ofSeconds(1);
    private static final Duration DRAIN_ERROR_PAUSE = Duration.ofMillis(200);

    private final String topic;
    private final Supplier<Consumer<String, String>> consumers;
    private final AssignedPartitions partitions;
    private final TaskDispatcher dispatcher;
    private final CommitSchedule commits;
    private final WorkerMetrics metrics;
    private final Duration revokeGrace;
    private final Duration shutdownGrace;

    private Consumer<String, String> consumer;
    private Thread loopThread;
    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile boolean consuming;
    private long nextPoll;

    TaskPollLoop(String topic, Supplier<Consumer<String, String>> consumers, AssignedPartitions partitions, TaskDispatcher dispatcher,
                 CommitSchedule commits, WorkerMetrics metrics, Duration revokeGrace, Duration shutdownGrace) {
        this.topic = topic;
        this.consumers = consumers;
        this.partitions = partitions;
        this.dispatcher = dispatcher;
        this.commits = commits;
        this.metrics = metrics;
        this.revokeGrace = revokeGrace;
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopRequested = false;
        dispatcher.open();
        loopThread = new Thread(this::run, "task-consumer");
        running = true;
        loopThread.start();
    }

    @Override
    public void stop() {
        requestStop();
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
    boolean isConsuming() {
        return consuming;
    }

    private void run() {
        try (Consumer<String, String> created = consumers.get();
             var clientMetrics = metrics.bindConsumer(created)) {
            subscribe(created);
            consuming = true;
            while (!stopRequested) {
                iterate();
            }
            drain();
        } catch (Exception e) {
            log.error("the task consumer stopped on an unexpected error: {}", e.toString(), e);
        } finally {
            consuming = false;
            dispatcher.close();
            commits.close();
            running = false;
            log.info("task consumer stopped");
        }
    }

    void subscribe(Consumer<String, String> created) {
        consumer = created;
        consumer.subscribe(List.of(topic), new PartitionRebalanceListener(consumer, partitions, commits, metrics, revokeGrace));
    }

    /** One turn of the loop: resync if needed, poll, start tasks, commit when due, adjust pauses. */
    void iterate() {
        try {
            commits.resyncIfNeeded(consumer, partitions);
            if (tasksWaitForThread()) {
                // wait for a task to end rather than in poll, so its thread gets the next task at once
                dispatcher.awaitFreeThread(nextPoll);
                if (System.nanoTime() >= nextPoll) {
                    poll(Duration.ZERO);
                }
            } else {
                poll(busy() ? BUSY_POLL : IDLE_POLL);
            }
            // start tasks before a commit blocks this thread, so the task threads never wait for the broker
            dispatch();
            if (commits.commitIfDue(consumer, partitions)) {
                dispatch();
            }
            partitions.applyPauses(consumer, holdAll());
        } catch (WakeupException | InterruptException e) {
            stopRequested = true;
        } catch (KafkaException e) {
            log.warn("Kafka error in the task consumer, retrying in 1 s: {}", e.toString());
            pause(KAFKA_ERROR_PAUSE);
        }
    }

    private void poll(Duration timeout) {
        ConsumerRecords<String, String> records = consumer.poll(timeout);
        nextPoll = System.nanoTime() + BUSY_POLL.toNanos();
        if (!commits.resyncNeeded()) {
            partitions.enqueue(records);
        }
    }

    private boolean busy() {
        return dispatcher.anyThreadBusy() || partitions.anyPending();
    }

    private boolean holdAll() {
        return stopRequested || commits.resyncNeeded();
    }

    /** Fetched tasks could start now but every task thread is busy. */
    private boolean tasksWaitForThread() {
        return !holdAll() && dispatcher.allThreadsBusy() && partitions.anyCanStart();
    }

    private void dispatch() {
        if (!holdAll()) {
            dispatcher.dispatch(partitions);
        }
    }

    /** Stop requested: running tasks get {@code shutdownGrace} to finish, then what finished is committed. */
    void drain() {
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        partitions.applyPauses(consumer, holdAll());
        while (partitions.anyRunning() && System.nanoTime() < deadline) {
            try {
                consumer.poll(DRAIN_POLL);
                commits.commitUnlessPausing(consumer, partitions);
            } catch (KafkaException e) {
                pause(DRAIN_ERROR_PAUSE);
            }
        }
        commits.commitNow(consumer, partitions);
        if (partitions.anyRunning()) {
            log.warn("shutdown grace of {} s ended with tasks still running; they will be redone by another worker",
                    shutdownGrace.toSeconds());
        }
    }

    /** Asks the loop to finish its turn and drain (what {@link #stop} does before it waits). */
    void requestStop() {
        stopRequested = true;
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
