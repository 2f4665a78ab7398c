package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.Percentiles;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.measure.Throughput;
import io.obspipe.bench.stack.BareLoop;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.ResultReader;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.localstack.PipelineEnvironment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 1: about 2 KB CSV objects through generator → worker (POOL_SIZE 4) → notifier (log, live
 * feed and metrics sinks, as in the notifier scenario). Baseline: the bare loop with 4 threads, run
 * before and after.
 */
final class SmallFilesScenario implements Scenario {

    static final double REDPANDA_CONNECT_1KB = 550;

    @Override
    public String name() {
        return "small-files";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane lane = stack.lane("small");
        int count = scale.smallFiles();
        List<String> keys = SampleObjects.writeSmallCsvs(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET), lane.keyPrefix(), count);
        BareLoop bare = stack.bareLoop("bare-small");
        double bareBefore = bareRate(bare.runAll(keys, Scale.WORKER_POOL));

        RunningApp worker = stack.launchWorker(lane, "pool" + Scale.WORKER_POOL, Scale.WORKER_POOL);
        RunningApp notifier = stack.launchNotifier(lane, NotifierScenario.SINKS);
        worker.awaitReady();
        notifier.awaitReady();
        Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
        pids.put("file-worker", worker.pid());
        pids.put("result-notifier", notifier.pid());
        ResourceWindow window = ResourceWindow.start(pids);
        RunningApp generator = stack.launchGenerator(lane, "generator", PipelineEnvironment.SOURCE_BUCKET, lane.keyPrefix(), Map.of());
        window.add("task-generator", generator.pid());
        PipelineResults results = new PipelineResults(
                ResultReader.await(stack.bootstrapServers(), lane.resultsTopic(), count, Duration.ofSeconds(60L + count / 20)));
        window.stop();
        generator.awaitSuccessfulExit(Duration.ofMinutes(2));
        ResourceWindow bareWindow = ResourceWindow.start(stack.infrastructurePids());
        double bareAfter = bareRate(bare.runAll(keys, Scale.WORKER_POOL));
        bareWindow.stop();

        double rate = Throughput.overall(results.firstGenerated(), results.completions());
        double baseline = (bareBefore + bareAfter) / 2;
        Percentiles latency = results.latencies();
        ResourceWindow.Usage workerUsage = window.usage().get("file-worker");
        ResourceWindow.Usage harnessUsage = bareWindow.usage().get("harness");
        List<Long> completed = results.completions().stream().sorted().toList();
        int warmFiles = count - 1 - count / 2;
        ResourceWindow.Usage warmWorker = window.usageBetween(completed.get(count / 2), completed.get(count - 1)).get("file-worker");
        report.row("files/s end to end", rate, "files/s", baseline,
                        "≥ 0.8 × bare loop, > 550 files/s (Redpanda Connect, 1 KB)",
                        rate >= 0.8 * baseline && rate > REDPANDA_CONNECT_1KB,
                        String.format(Locale.ROOT, "%d files; bare loop before / after: %.0f / %.0f files/s", count, bareBefore, bareAfter))
                .row("e2e latency p95 (burst of " + count + ")", latency.at(95), "ms", null, "", null,
                        "p50 / p95 / p99 = " + latency.summary() + "; every task is queued at once, so this is mostly waiting")
                .row("worker CPU", workerUsage.cores(), "cores", null, "", null,
                        String.format(Locale.ROOT, "%.2f ms CPU per file", workerUsage.cpuSeconds() * 1000 / count))
                .row("worker CPU per file, whole run", workerUsage.cpuSeconds() * 1000 / count, "ms", harnessUsage.cpuSeconds() * 1000 / count,
                        "", null,
                        String.format(Locale.ROOT, "a JVM started for the run against a harness warm from its first bare run: the "
                                        + "target is checked on the warm row below; of which JIT compilation %.2f ms (harness %.2f ms)",
                                workerUsage.compilerSeconds() * 1000 / count, harnessUsage.compilerSeconds() * 1000 / count))
                .row("worker CPU per file without JIT compilation", workerUsage.cpuSecondsWithoutCompiler() * 1000 / count, "ms",
                        harnessUsage.cpuSecondsWithoutCompiler() * 1000 / count, "", null,
                        "CPU of every thread but the C1/C2 compiler threads, the worker's against the harness's during the bare loop")
                .row("worker CPU per file, warm (second half of the run)", warmWorker.cpuSeconds() * 1000 / warmFiles, "ms",
                        harnessUsage.cpuSeconds() * 1000 / count, "≤ 1.5 × the bare loop's harness CPU per file",
                        warmWorker.cpuSeconds() > 0 && warmWorker.cpuSeconds() / warmFiles <= 1.5 * harnessUsage.cpuSeconds() / count,
                        String.format(Locale.ROOT, "the last %d files, from the result of file %d to the last one: a warm worker as the "
                                + "harness is warm in its second bare run; of which JIT compilation %.2f ms", warmFiles, count - warmFiles,
                                warmWorker.compilerSeconds() * 1000 / warmFiles));
        report.row("CPU per file, all processes", cpuMillisPerFile(window, count), "ms", cpuMillisPerFile(bareWindow, count),
                "", null, "what every process on the box spent per file (broker, store, apps, harness), against the same for "
                        + "the bare loop: on a CPU-bound box the ratio of files/s cannot beat the inverse of this ratio");
        report.resources("Processes while the pipeline ran", window);
        report.resources("Processes while the bare loop ran (after the pipeline)", bareWindow);
        var workerProfile = worker.stopAndProfile();
        report.row("worker peak heap", workerProfile.peakHeapUsed() / 1_048_576.0, "MB", null, "< 1 GB (seed 003)",
                workerProfile.peakHeapUsed() < 1L << 30, "live after GC: " + ScenarioReport.mb(workerProfile.peakLiveHeap())
                        + ", peak RSS " + ScenarioReport.mb(workerUsage.peakRss()));
        report.profile("file-worker", workerProfile);
        report.profile("result-notifier", notifier.stopAndProfile());
        report.profile("task-generator", generator.profile());
    }

    private static double cpuMillisPerFile(ResourceWindow window, int files) {
        return window.usage().values().stream().mapToDouble(ResourceWindow.Usage::cpuSeconds).sum() * 1000 / files;
    }

    private static double bareRate(BareLoop.Completions completions) {
        return Throughput.overall(completions.startMillis(), completions.completedMillis());
    }
}
