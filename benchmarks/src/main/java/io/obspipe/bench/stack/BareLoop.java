package io.obspipe.bench.stack;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.worker.config.WorkerConfiguration;
import io.obspipe.worker.task.TaskAttemptHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
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
 * The handler comes from the worker's own {@link WorkerConfiguration} and settings (its application.yml),
 * so the baseline runs what the worker runs; only the directories, the buckets and the store are the bench's.
 */
public final class BareLoop implements AutoCloseable {

    private final ConfigurableApplicationContext worker;
    private final TaskAttemptHandler handler;

    BareLoop(ObjectStore store, Path workDir) {
        ApplicationContextInitializer<ConfigurableApplicationContext> benchParts = context -> {
            context.getBeanFactory().registerSingleton("objectStore", store);
            context.getBeanFactory().registerSingleton("meterRegistry", new SimpleMeterRegistry());
        };
        SpringApplication application = new SpringApplicationBuilder(WorkerConfiguration.class).initializers(benchParts)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).registerShutdownHook(false)
                .build();
        // arguments outrank the worker's application.yml, as its environment variables do
        this.worker = application.run(
                "--pipeline.worker.worker-id=bare-loop",
                "--pipeline.worker.download-dir=" + workDir.resolve("downloads"),
                "--pipeline.worker.upload-dir=" + workDir.resolve("uploads"),
                "--pipeline.obs.source-bucket=" + PipelineEnvironment.SOURCE_BUCKET,
                "--pipeline.obs.dest-bucket=" + PipelineEnvironment.DESTINATION_BUCKET);
        this.handler = worker.getBean(TaskAttemptHandler.class);
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

    @Override
    public void close() {
        worker.close();
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
