package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.measure.Throughput;
import io.obspipe.bench.stack.BareLoop;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.ResultReader;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.bench.stack.TaskFeed;
import io.obspipe.localstack.PipelineEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 2: the small-files load with POOL_SIZE 1, 2, 4, 8 and with two worker processes. Each step
 * pre-loads its tasks on a topic of its own, then starts the worker(s); its rate leaves out the first
 * 10 % of completions (JVM warm-up), and so does its baseline, the bare loop with as many threads.
 */
final class ConcurrencyScenario implements Scenario {

    @Override
    public String name() {
        return "concurrency";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        int count = scale.concurrencyFiles();
        List<String> keys = SampleObjects.writeSmallCsvs(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET), "concurrency/", count);
        BareLoop bare = stack.bareLoop("bare-concurrency");
        List<int[]> steps = new ArrayList<>();
        scale.poolSizes().forEach(pool -> steps.add(new int[] {1, pool}));
        steps.add(new int[] {2, scale.twoProcessPool()});
        StringBuilder curve = new StringBuilder("Scaling curve (rates leave out the first 10 % of completions)\n\n"
                + "| processes × POOL_SIZE | files/s | bare loop files/s | ratio | worker CPU (cores) | s3proxy CPU | broker CPU | machine busy |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (int[] step : steps) {
            int processes = step[0];
            int pool = step[1];
            String label = processes + "×" + pool;
            Lane lane = stack.lane("concurrency-" + processes + "x" + pool);
            try (TaskFeed feed = new TaskFeed(stack.bootstrapServers(), lane.tasksTopic())) {
                feed.publishAll(keys);
            }
            List<RunningApp> workers = stack.startWorkers(lane, processes, pool);
            Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
            workers.forEach(w -> pids.put(w.name(), w.pid()));
            ResourceWindow window = ResourceWindow.start(pids);
            PipelineResults results = new PipelineResults(
                    ResultReader.await(stack.bootstrapServers(), lane.resultsTopic(), count, Duration.ofSeconds(60L + count / 10)));
            window.stop();
            workers.forEach(RunningApp::stopAndProfile);
            double rate = Throughput.steady(results.completions());
            double baseline = Throughput.steady(bare.runAll(keys, processes * pool).completedMillis());
            double workerCores = workers.stream().mapToDouble(w -> window.usage().get(w.name()).cores()).sum();
            report.row("files/s, " + label, rate, "files/s", baseline, "curve", null,
                    String.format(Locale.ROOT, "worker CPU %.2f cores, machine %.0f %% busy", workerCores, window.machineBusy() * 100));
            curve.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.0f %% |%n", label, rate, baseline,
                    rate / baseline, workerCores, window.usage().get("s3proxy").cores(), window.usage().get("broker").cores(),
                    window.machineBusy() * 100));
        }
        report.detail(curve.toString());
    }
}
