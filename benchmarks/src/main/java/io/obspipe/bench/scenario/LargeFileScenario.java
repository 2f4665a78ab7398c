package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.JfrSummary;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.ResultReader;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.bench.stack.TaskFeed;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.model.ProcessingResult;
import io.obspipe.platform.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 3: one large generated CSV processed by a worker with {@code -Xmx256m}. Baseline: reading
 * the same object from the store and discarding it, before and after.
 */
final class LargeFileScenario implements Scenario {

    private static final double MB = 1_048_576.0;

    @Override
    public String name() {
        return "large-file";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane oneStream = stack.lane("large");
        Lane inParts = stack.lane("large-parts");
        String key = oneStream.keyPrefix() + "large.csv";
        long size = SampleObjects.writeLargeCsv(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET).resolve(key), scale.largeFileBytes());
        double rawBefore = rawRead(stack.store(), key, size);
        // the worker's defaults read a 5 GB object in 64 MB parts; smaller scales need smaller parts to have several
        String partSize = Long.toString(Math.min(64L << 20, Math.max(1L << 20, size / 8)));

        Run single = process(stack, oneStream, key, size, Map.of("WORKER_LARGE_OBJECT_THREADS", "1"));
        Run parts = process(stack, inParts, key, size, Map.of("WORKER_LARGE_OBJECT_THREADS", "0",
                "WORKER_LARGE_OBJECT_MIN_SIZE", "1MB", "WORKER_LARGE_OBJECT_PART_SIZE", partSize));
        double rawAfter = rawRead(stack.store(), key, size);

        double raw = (rawBefore + rawAfter) / 2;
        report.row("MB/s processed, one stream", single.rate(), "MB/s", raw, "—", null, String.format(Locale.ROOT,
                        "%s object; task %.1f s (stat, download, parse, upload); raw read before / after %.0f / %.0f MB/s",
                        ScenarioReport.mb(size), single.result().processingTime(), rawBefore, rawAfter))
                .row("MB/s processed, in parts on every core", parts.rate(), "MB/s", single.rate(), "≥ 1.7 × one stream",
                        parts.rate() >= 1.7 * single.rate(), String.format(Locale.ROOT,
                                "%d cores, parts of %s; task %.1f s; %.2f × one stream, %.2f × raw read",
                                Runtime.getRuntime().availableProcessors(), ScenarioReport.mb(Long.parseLong(partSize)),
                                parts.result().processingTime(), parts.rate() / single.rate(), parts.rate() / raw));
        for (Run run : List.of(single, parts)) {
            ResourceWindow.Usage usage = run.window().usage().get("file-worker");
            report.row("worker peak RSS (-Xmx256m), " + run.name(), usage.peakRss() / MB, "MB", null, "heap flat",
                    run.profile().peakLiveHeap() < 64 * MB, "peak heap used " + ScenarioReport.mb(run.profile().peakHeapUsed())
                            + ", live after GC " + ScenarioReport.mb(run.profile().peakLiveHeap()) + " (target < 64 MB live)");
        }
        report.resources("Processes while the worker read one stream", single.window());
        report.resources("Processes while the worker read in parts", parts.window());
        report.profile("file-worker", parts.profile());
    }

    private static Run process(BenchStack stack, Lane lane, String key, long size, Map<String, String> settings) {
        RunningApp worker = stack.startWorker(lane, "xmx256m", Scale.WORKER_POOL, settings);
        Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
        pids.put("file-worker", worker.pid());
        ResourceWindow window = ResourceWindow.start(pids);
        try (TaskFeed feed = new TaskFeed(stack.bootstrapServers(), lane.tasksTopic())) {
            feed.publishAll(List.of(key));
        }
        Duration timeout = Duration.ofSeconds(120 + size / 5_000_000);
        ProcessingResult result = new PipelineResults(ResultReader.await(stack.bootstrapServers(), lane.resultsTopic(), 1, timeout))
                .results().get(0);
        window.stop();
        JfrSummary profile = worker.stopAndProfile();
        if (!result.succeeded()) {
            throw new IllegalStateException("the large object failed: " + result.error());
        }
        String name = "WORKER_LARGE_OBJECT_THREADS=" + settings.get("WORKER_LARGE_OBJECT_THREADS");
        return new Run(name, size / MB / result.processingTime(), result, window, profile);
    }

    private record Run(String name, double rate, ProcessingResult result, ResourceWindow window, JfrSummary profile) {
    }

    /** MB/s of reading the whole object and discarding it. */
    private static double rawRead(ObjectStore store, String key, long size) {
        byte[] buffer = new byte[1 << 20];
        long started = System.nanoTime();
        long read = 0;
        try (InputStream in = store.open(PipelineEnvironment.SOURCE_BUCKET, key)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read != size) {
            throw new IllegalStateException("read " + read + " of " + size + " bytes of " + key);
        }
        return size / MB / ((System.nanoTime() - started) / 1e9);
    }
}
