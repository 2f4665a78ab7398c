package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.Percentiles;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.stack.BareLoop;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.ResultReader;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.bench.stack.TaskFeed;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.model.ProcessingResult;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 6: tasks published at a fixed rate to a running worker (POOL_SIZE 4); end-to-end latency from
 * {@code generated_at} to the result's timestamp, at the scale's rate and at twice that rate. Each step starts
 * with a lead-in at its rate that is left out of the step's figures: the worker has joined its group and compiled
 * its hot paths, so they are the steady state's. The first step's lead-in is the fresh worker's first seconds from
 * when its HTTP port answers, reported on a row of its own (issue 14's warm-up figure).
 * Baseline: the bare loop fed at the same rate with as many threads, latency from when each task was due to
 * when it was done.
 */
final class SteadyLoadScenario implements Scenario {

    private static final long TARGET_P95_MS = 500;
    private static final int MAX_DISTINCT_OBJECTS = 2_000;
    private static final int LEAD_IN_SECONDS = 10;
    private static final int FRESH_WORKER_SECONDS = 20;

    @Override
    public String name() {
        return "steady-load";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane lane = stack.lane("steady");
        int leadIn = Math.min(LEAD_IN_SECONDS, scale.steadySeconds());
        int fresh = Math.min(FRESH_WORKER_SECONDS, scale.steadySeconds());
        List<Integer> rates = List.of(scale.steadyRate(), 2 * scale.steadyRate());
        List<String> keys = SampleObjects.writeSmallCsvs(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET), lane.keyPrefix(),
                Math.min(2 * scale.steadyRate() * scale.steadySeconds(), MAX_DISTINCT_OBJECTS));
        // the bare loop (a Spring context in this JVM) and the feed's connection are made before the worker starts: the
        // fresh worker's first seconds are then its own, and its first tasks are published from when its port answers
        BareLoop bareLoop = stack.bareLoop("bare-steady");
        try (TaskFeed feed = new TaskFeed(stack.bootstrapServers(), lane.tasksTopic())) {
            RunningApp worker = stack.startWorker(lane, "pool" + Scale.WORKER_POOL, Scale.WORKER_POOL);
            Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
            pids.put("file-worker", worker.pid());
            int published = 0;
            for (int rate : rates) {
                boolean freshWorker = published == 0;
                published += feed.publishAtRate(keys, rate, freshWorker ? fresh : leadIn);
                List<ProcessingResult> leadInResults = ResultReader.await(stack.bootstrapServers(), lane.resultsTopic(), published,
                        Duration.ofSeconds(60));
                if (freshWorker) {
                    Percentiles first = new PipelineResults(leadInResults).latencies();
                    report.row("fresh worker: e2e latency p95 over its first " + fresh + " s at " + rate + " tasks/s", first.at(95), "ms",
                            null, "p95 < 500 ms", first.at(95) < TARGET_P95_MS,
                            String.format(Locale.ROOT, "p50 / p95 / p99 = %s; %d tasks published from when the worker's HTTP port "
                                    + "answered (the first step's lead-in), none left out", first.summary(), leadInResults.size()));
                }
                ResourceWindow window = ResourceWindow.start(pids);
                Instant measuredFrom = Instant.now();
                published += feed.publishAtRate(keys, rate, scale.steadySeconds());
                List<ProcessingResult> all = ResultReader.await(stack.bootstrapServers(), lane.resultsTopic(), published, Duration.ofSeconds(60));
                window.stop();
                PipelineResults results = new PipelineResults(all.stream().filter(r -> !r.generatedAt().isBefore(measuredFrom)).toList());
                Percentiles pipeline = results.latencies();
                Percentiles bare = Percentiles.of(bareLoop.runAtRate(keys, Scale.WORKER_POOL, rate, scale.steadySeconds()).latencyMillis());
                report.row("e2e latency p95 at " + rate + " tasks/s for " + scale.steadySeconds() + " s", pipeline.at(95), "ms",
                        (double) bare.at(95), "p95 < 500 ms", pipeline.at(95) < TARGET_P95_MS,
                        String.format(Locale.ROOT, "p50 / p95 / p99 = %s; bare loop %s; %d tasks after a %d-s lead-in at the same rate",
                                pipeline.summary(), bare.summary(), results.results().size(), freshWorker ? fresh : leadIn));
                report.resources("Processes under steady load, " + rate + " tasks/s", window);
            }
            report.profile("file-worker", worker.stopAndProfile());
        }
    }
}
