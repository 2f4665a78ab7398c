package io.obspipe.bench.stack;

import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.TaskDefaults;
import io.obspipe.model.WorkerType;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.worker.processing.ContentDecoder;
import io.obspipe.worker.processing.CsvProcessor;
import io.obspipe.worker.processing.JsonProcessor;
import io.obspipe.worker.processing.NdjsonProcessor;
import io.obspipe.worker.processing.ProcessorRegistry;
import io.obspipe.worker.processing.TextProcessor;
import io.obspipe.worker.result.ResultFactory;
import io.obspipe.worker.task.TaskAttemptHandler;
import io.obspipe.worker.workspace.DiskBudget;
import io.obspipe.worker.workspace.Workspace;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The baseline of the worker scenarios: the worker's own task handling (stat, download, process, upload
 * the summary, clean up) called directly by a fixed number of threads against the same store, with no
 * Kafka, no consumer loop and no process boundary. What the pipeline adds is what sets it apart.
 */
public final class BareLoop {

    private static final long TEN_GB = 10L << 30;
    /** As the worker has them: one receiving thread per task in progress. */
    private static final ExecutorService DOWNLOADS = TaskAttemptHandler.downloadThreads();

    private final TaskAttemptHandler handler;

    public BareLoop(ObjectStore store, Path workDir) {
        this.handler = new TaskAttemptHandler(store,
                new ProcessorRegistry(List.of(new CsvProcessor(), new JsonProcessor(), new NdjsonProcessor(), new TextProcessor())),
                new ContentDecoder(2 * TEN_GB), new Workspace(workDir.resolve("downloads"), workDir.resolve("uploads")),
                new ResultFactory(WorkerType.MULTI_PROCESS, "bare-loop", Clock.systemUTC()),
                new TaskDefaults(PipelineEnvironment.SOURCE_BUCKET, PipelineEnvironment.DESTINATION_BUCKET),
                new TaskAttemptHandler.TaskLimits(TEN_GB, true, false), new DiskBudget(5 * TEN_GB), DOWNLOADS, Clock.systemUTC());
    }

    /** Handles every key once with {@code threads} threads; returns each task's completion time (epoch ms). */
    public Completions runAll(List<String> keys, int threads) {
        AtomicInteger next = new AtomicInteger();
        return run(threads, () -> {
            int i = next.getAndIncrement();
            return i < keys.size() ? new Due(keys.get(i), System.nanoTime()) : null;
        }, keys.size());
    }

    /**
     * Offers one task every {@code 1/perSecond} s for {@code seconds} (cycling through {@code keys}) to
     * {@code threads} threads; a task's latency runs from when it was due to when it was done.
     */
    public Completions runAtRate(List<String> keys, int threads, int perSecond, int seconds) {
        int total = perSecond * seconds;
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        return run(threads, () -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return null;
            }
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            return new Due(keys.get(i % keys.size()), due);
        }, total);
    }

    private Completions run(int threads, TaskSource source, int expected) {
        Queue<Long> done = new ConcurrentLinkedQueue<>();
        Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long startMillis = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (Due task = source.next(); task != null; task = source.next()) {
                    ProcessingResult result = handler.handle(record(task.key(), Instant.now()));
                    done.add(System.currentTimeMillis());
                    latencies.add((System.nanoTime() - task.dueNanos()) / 1_000_000);
                    if (!result.succeeded()) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("the bare loop did not finish within an hour");
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failed.get() > 0 || done.size() != expected) {
            throw new IllegalStateException("the bare loop completed " + done.size() + " of " + expected + " tasks, "
                    + failed.get() + " failed");
        }
        return new Completions(startMillis, List.copyOf(done), List.copyOf(latencies));
    }

    private static ConsumerRecord<String, String> record(String key, Instant generatedAt) {
        FileTask task = new FileTask(UUID.randomUUID().toString(), key, PipelineEnvironment.SOURCE_BUCKET,
                PipelineEnvironment.DESTINATION_BUCKET, null, null, null, null, generatedAt);
        return new ConsumerRecord<>("bare-loop", 0, 0, key, MessageCodec.encodeToString(task));
    }

    @FunctionalInterface
    private interface TaskSource {
        /** The next task, or null when there are no more; may block until the next task is due. */
        Due next();
    }

    /** A key and when its task was due ({@link System#nanoTime()}): latency counts from then, waiting included. */
    private record Due(String key, long dueNanos) {
    }

    /**
     * @param startMillis     when the loop started (epoch ms)
     * @param completedMillis each task's completion time (epoch ms)
     * @param latencyMillis   each task's time from due to done
     */
    public record Completions(long startMillis, List<Long> completedMillis, List<Long> latencyMillis) {
    }
}
