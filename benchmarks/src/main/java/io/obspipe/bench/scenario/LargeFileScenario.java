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
        Lane lane = stack.lane("large");
        String key = lane.keyPrefix() + "large.csv";
        long size = SampleObjects.writeLargeCsv(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET).resolve(key), scale.largeFileBytes());
        double rawBefore = rawRead(stack.store(), key, size);

        RunningApp worker = stack.startWorker(lane, "xmx256m", Scale.WORKER_POOL);
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
        double rawAfter = rawRead(stack.store(), key, size);

        double rate = size / MB / result.processingTime();
        double e2eSeconds = (result.timestamp().toEpochMilli() - result.generatedAt().toEpochMilli()) / 1000.0;
        double raw = (rawBefore + rawAfter) / 2;
        ResourceWindow.Usage usage = window.usage().get("file-worker");
        report.row("MB/s processed", rate, "MB/s", raw, "≥ 0.7 × raw read", rate >= 0.7 * raw, String.format(Locale.ROOT,
                        "%s object; task %.1f s (stat, download, parse, upload), e2e %.1f s; raw read before / after %.0f / %.0f MB/s",
                        ScenarioReport.mb(size), result.processingTime(), e2eSeconds, rawBefore, rawAfter))
                .row("worker peak RSS (-Xmx256m)", usage.peakRss() / MB, "MB", null, "heap flat", profile.peakLiveHeap() < 128 * MB,
                        "peak heap used " + ScenarioReport.mb(profile.peakHeapUsed()) + ", live after GC "
                                + ScenarioReport.mb(profile.peakLiveHeap()) + " (flat: the file is streamed, never held)");
        report.resources("Processes while the worker ran", window);
        report.profile("file-worker", profile);
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
