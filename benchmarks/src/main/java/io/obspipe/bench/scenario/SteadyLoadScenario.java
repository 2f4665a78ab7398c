package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.Percentiles;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.ResultReader;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.bench.stack.TaskFeed;
import io.obspipe.localstack.PipelineEnvironment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 6: tasks published at a fixed rate to a running worker (POOL_SIZE 4); end-to-end latency from
 * {@code generated_at} to the result's timestamp. Baseline: the bare loop fed at the same rate with as
 * many threads, latency from when each task was due to when it was done.
 */
final class SteadyLoadScenario implements Scenario {

    private static final long TARGET_P95_MS = 500;
    private static final int MAX_DISTINCT_OBJECTS = 2_000;

    @Override
    public String name() {
        return "steady-load";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane lane = stack.lane("steady");
        int total = scale.steadyRate() * scale.steadySeconds();
        List<String> keys = SampleObjects.writeSmallCsvs(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET), lane.keyPrefix(),
                Math.min(total, MAX_DISTINCT_OBJECTS));
        RunningApp worker = stack.startWorker(lane, "pool" + Scale.WORKER_POOL, Scale.WORKER_POOL);
        Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
        pids.put("file-worker", worker.pid());
        ResourceWindow window = ResourceWindow.start(pids);
        try (TaskFeed feed = new TaskFeed(stack.bootstrapServers(), lane.tasksTopic())) {
            feed.publishAtRate(keys, scale.steadyRate(), scale.steadySeconds());
        }
        PipelineResults results = new PipelineResults(
                ResultReader.await(stack.bootstrapServers(), lane.resultsTopic(), total, Duration.ofSeconds(60)));
        window.stop();
        Percentiles pipeline = results.latencies();
        Percentiles bare = Percentiles.of(stack.bareLoop("bare-steady")
                .runAtRate(keys, Scale.WORKER_POOL, scale.steadyRate(), scale.steadySeconds()).latencyMillis());
        report.row("e2e latency p95 at " + scale.steadyRate() + " tasks/s for " + scale.steadySeconds() + " s", pipeline.at(95), "ms",
                (double) bare.at(95), "p95 < 500 ms", pipeline.at(95) < TARGET_P95_MS,
                String.format(Locale.ROOT, "p50 / p95 / p99 = %s; bare loop %s; %d tasks", pipeline.summary(), bare.summary(), total));
        report.resources("Processes under steady load", window);
        report.profile("file-worker", worker.stopAndProfile());
    }
}
