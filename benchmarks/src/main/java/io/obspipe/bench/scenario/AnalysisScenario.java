package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.Percentiles;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.ResultReader;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.TaskFeed;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.localstack.llm.ChatCompletionsServer;
import io.obspipe.localstack.llm.KeyBehaviour;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 7 (issue 12): result events published at a fixed rate (the steady-load rate and length: 100/s for 60 s
 * at full scale) to an analysis worker whose key pool has ten keys, against the local chat-completions server
 * answering in 0.5-1.5 s. Figures: analysis throughput, and the scheduling overhead: the time from a result's
 * timestamp to its analysis event reaching a read_committed reader, minus the model's latency for that analysis
 * (reads and writes of object storage, waits for a thread or a key, the commit). Baseline of the throughput: the
 * publish rate; of the overhead: the model latency itself. A lead-in at the same rate comes first and is reported on
 * its own row (a fresh worker compiles its hot paths meanwhile), so the measured minute is the steady state's.
 */
final class AnalysisScenario implements Scenario {

    private static final int KEYS = 10;
    private static final long TARGET_OVERHEAD_P95_MS = 100;
    private static final int MAX_DISTINCT_OBJECTS = 2_000;
    private static final int LEAD_IN_SECONDS = 10;
    /** Little's law: at 100/s with answers of up to 1.5 s some 150 analyses are in flight; the default 50 caps at ~50/s. */
    private static final int MAX_CONCURRENT = 200;

    @Override
    public String name() {
        return "analysis";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane lane = stack.lane("analysis");
        int rate = scale.steadyRate();
        int total = rate * scale.steadySeconds();
        List<String> keys = writeParsedFiles(stack, lane, Math.min(total, MAX_DISTINCT_OBJECTS));
        try (ChatCompletionsServer llm = ChatCompletionsServer.start(0,
                KeyBehaviour.ok().latency(Duration.ofMillis(500), Duration.ofMillis(1500)))) {
            RunningApp worker = stack.startAnalysisWorker(lane, llm.baseUrl(), keyFile(stack.work(), rate), Map.of(
                    "ANALYSIS_FILE_TYPES", "csv",
                    "ANALYSIS_MAX_CONCURRENT", Integer.toString(MAX_CONCURRENT),
                    "ANALYSIS_MODEL", "bench-model"));
            Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
            pids.put("analysis-worker", worker.pid());
            int leadIn = Math.min(LEAD_IN_SECONDS, scale.steadySeconds());
            try (TaskFeed feed = new TaskFeed(stack.bootstrapServers(), lane.resultsTopic())) {
                int warmUp = feed.publishAtRate(keys, rate, leadIn, AnalysisScenario::result);
                List<ResultReader.Received> firstSeconds = ResultReader.awaitReceived(stack.bootstrapServers(), lane.analysisTopic(),
                        warmUp, Duration.ofSeconds(leadIn + 120L));
                Instant measuredFrom = Instant.now();
                CompletableFuture<List<ResultReader.Received>> analysed = CompletableFuture.supplyAsync(() ->
                        ResultReader.awaitReceived(stack.bootstrapServers(), lane.analysisTopic(), warmUp + total,
                                Duration.ofSeconds(scale.steadySeconds() + 120L)));
                ResourceWindow window = ResourceWindow.start(pids);
                long started = System.nanoTime();
                feed.publishAtRate(keys, rate, scale.steadySeconds(), AnalysisScenario::result);
                List<ResultReader.Received> received = analysed.join().stream()
                        .filter(event -> !event.result().timestamp().isBefore(measuredFrom)).toList();
                double seconds = (System.nanoTime() - started) / 1e9;
                window.stop();
                report(report, received, rate, scale.steadySeconds(), seconds, llm);
                report.row("scheduling overhead p95 of a fresh worker's first " + leadIn + " s (the lead-in, not in the rows above)",
                        Timings.of(firstSeconds).overhead().at(95), "ms", null, "—", null,
                        "overhead p50 / p95 / p99 = " + Timings.of(firstSeconds).overhead().summary()
                                + "; a new JVM compiles its hot paths while the analyses arrive");
                report.resources("Processes under the analysis load", window);
            }
            report.profile("analysis-worker", worker.stopAndProfile());
        }
    }

    private static void report(ScenarioReport report, List<ResultReader.Received> received, int rate, int seconds, double took,
                               ChatCompletionsServer llm) {
        Timings timings = Timings.of(received);
        Percentiles overheads = timings.overhead();
        Percentiles models = timings.model();
        double throughput = received.size() / took;
        report.row("analyses/s at " + rate + "/s for " + seconds + " s over " + KEYS + " keys", throughput, "analyses/s", (double) rate,
                "≥ 50/s (seed)", throughput >= 50, String.format(Locale.ROOT, "%d analyses in %.1f s, %d failed; most requests at once %d",
                        received.size(), took, timings.failed(), llm.maxInFlight()));
        report.row("scheduling overhead p95 (e2e minus model latency)", overheads.at(95), "ms", (double) models.at(95),
                "p95 < 100 ms", overheads.at(95) < TARGET_OVERHEAD_P95_MS, String.format(Locale.ROOT,
                        "overhead p50 / p95 / p99 = %s (before the answer: pick-up, thread, reads, key %s; after it: rewrite, "
                                + "commit, delivery %s); model latency %s; end to end %s (seed: p95 < 2 s)",
                        overheads.summary(), timings.beforeAnswer().summary(), timings.afterAnswer().summary(),
                        models.summary(), timings.endToEnd().summary()));
    }

    /** The times of the analysed events, from each result's timestamp to a read_committed reader's receipt. */
    private record Timings(Percentiles overhead, Percentiles model, Percentiles endToEnd, Percentiles beforeAnswer,
                           Percentiles afterAnswer, long failed) {

        static Timings of(List<ResultReader.Received> received) {
            List<Long> overhead = new ArrayList<>();
            List<Long> model = new ArrayList<>();
            List<Long> endToEnd = new ArrayList<>();
            List<Long> beforeAnswer = new ArrayList<>();
            List<Long> afterAnswer = new ArrayList<>();
            long failed = 0;
            for (ResultReader.Received event : received) {
                ProcessingResult result = event.result();
                if (!result.analysis().succeeded()) {
                    failed++;
                    continue;
                }
                long e2e = Duration.between(result.timestamp(), event.at()).toMillis();
                endToEnd.add(e2e);
                model.add(result.analysis().latencyMs());
                overhead.add(Math.max(0, e2e - result.analysis().latencyMs()));
                long answered = Duration.between(result.timestamp(), result.analysis().analyzedAt()).toMillis();
                beforeAnswer.add(Math.max(0, answered - result.analysis().latencyMs()));
                afterAnswer.add(Math.max(0, e2e - answered));
            }
            return new Timings(Percentiles.of(overhead), Percentiles.of(model), Percentiles.of(endToEnd), Percentiles.of(beforeAnswer),
                    Percentiles.of(afterAnswer), failed);
        }
    }

    /** Small CSVs in the source bucket and their result documents in the destination bucket, as file-worker leaves them. */
    private static List<String> writeParsedFiles(BenchStack stack, Lane lane, int count) {
        Path sources = stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET);
        Path documents = stack.s3().bucketDir(PipelineEnvironment.DESTINATION_BUCKET);
        List<String> keys = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                String key = lane.keyPrefix() + "sales-" + i + ".csv";
                Path source = sources.resolve(key);
                Files.createDirectories(source.getParent());
                Files.writeString(source, "region,amount\nnorth," + i + "\nsouth," + (i * 2) + "\n");
                Path document = documents.resolve(key + ".parsed.json");
                Files.createDirectories(document.getParent());
                Files.writeString(document, "{\"source\":{\"bucket\":\"" + PipelineEnvironment.SOURCE_BUCKET + "\",\"key\":\"" + key
                        + "\"},\"processor\":\"csv\",\"charset\":\"UTF-8\",\"summary\":{\"total_rows\":2,\"columns\":[\"region\",\"amount\"]}}");
                keys.add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** Ten keys whose limits together allow twice the publish rate, so the pool spreads the load without throttling it. */
    private static Path keyFile(Path work, int rate) {
        int qps = Math.max(1, 2 * rate / KEYS);
        StringBuilder yaml = new StringBuilder("keys:\n");
        for (int i = 1; i <= KEYS; i++) {
            yaml.append("  - {id: bench-key-").append(i).append(", api_key: sk-bench-").append(i).append(", priority: 1, qps_limit: ")
                    .append(qps).append(", rpm_limit: ").append(qps * 60).append("}\n");
        }
        try {
            return Files.writeString(work.resolve("analysis-keys.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String result(String key) {
        Instant now = Instant.now();
        return MessageCodec.encodeToString(new ProcessingResult(now, WorkerType.MULTI_PROCESS, ResultStatus.SUCCESS,
                new ObjectLocation(PipelineEnvironment.SOURCE_BUCKET, key),
                new ObjectLocation(PipelineEnvironment.DESTINATION_BUCKET, key + ".parsed.json"), null, null, null,
                "bench-" + key, 0.01, "bench", "csv", now));
    }
}
