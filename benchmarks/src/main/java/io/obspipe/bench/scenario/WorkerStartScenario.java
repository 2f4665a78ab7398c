package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.ResultReader;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.bench.stack.TaskFeed;
import io.obspipe.localstack.PipelineEnvironment;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 7: what a new worker (a pod KEDA adds) costs before it helps. Tasks wait in the topic, then a
 * worker (POOL_SIZE 4) is started: the time from starting its process to its first committed result, as a
 * read_committed reader receives it, and to the last of the waiting tasks. Baseline: none in the same run;
 * compare runs with {@code --class-data off} and {@code on} back to back.
 */
final class WorkerStartScenario implements Scenario {

    @Override
    public String name() {
        return "worker-start";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane lane = stack.lane("start");
        int count = Math.min(scale.smallFiles(), 200);
        List<String> keys = SampleObjects.writeSmallCsvs(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET), lane.keyPrefix(), count);
        try (TaskFeed feed = new TaskFeed(stack.bootstrapServers(), lane.tasksTopic())) {
            feed.publishAll(keys);
        }
        Instant started = Instant.now();
        RunningApp worker = stack.launchWorker(lane, "start", Scale.WORKER_POOL);
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("file-worker", worker.pid());
        ResourceWindow window = ResourceWindow.start(pids);
        List<ResultReader.Received> received = ResultReader.awaitReceived(stack.bootstrapServers(), lane.resultsTopic(), count,
                BenchStack.APP_START);
        window.stop();
        Instant first = received.stream().map(ResultReader.Received::at).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = received.stream().map(ResultReader.Received::at).max(Comparator.naturalOrder()).orElseThrow();
        String classData = worker.process().classData();
        report.row("worker start to first result", Duration.between(started, first).toMillis(), "ms", null, "", null,
                        "class data: " + classData + "; from starting the process to the first committed result a reader receives")
                .row("worker start to last of " + count + " waiting tasks", Duration.between(started, last).toMillis(), "ms", null, "", null,
                        String.format(Locale.ROOT, "worker CPU over that time: %.1f s", window.usage().get("file-worker").cpuSeconds()));
        report.profile("file-worker", worker.stopAndProfile());
    }
}
