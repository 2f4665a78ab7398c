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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Worker start (issue 14): what a new worker (a pod KEDA adds) costs before it helps. Tasks wait in the topic, then a
 * worker (POOL_SIZE 4) is started: the time from starting its process to its first committed result, as a
 * read_committed reader receives it, and to the last of the waiting tasks. Baseline, same run: a worker
 * started from its jar as it is, against one started from its class-data archive, or AOT cache when the apps'
 * java ({@code --app-java}) is 25 or newer (trained first by one more worker if there is none yet;
 * {@code --class-data off} measures the plain jar only).
 */
final class WorkerStartScenario implements Scenario {

    @Override
    public String name() {
        return "worker-start";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        int count = Math.min(scale.smallFiles(), 200);
        if (stack.classData().isPresent()) {
            Start training = start(stack, "start-training", count, stack.classData());
            if (training.classData().startsWith("training")) {
                report.row("training run (writes the archive)", training.firstMillis(), "ms", null, "", null, training.note());
            }
        }
        Start plain = start(stack, "start-plain", count, Optional.empty());
        Double baseline = (double) plain.firstMillis();
        report.row("worker start to first result, java " + stack.appJava().feature() + ", jar as it is", plain.firstMillis(), "ms", null, "", null, plain.note());
        stack.classData().ifPresent(cache -> {
            Start archived = start(stack, "start-archive", count, stack.classData());
            report.row("worker start to first result, java " + stack.appJava().feature() + ", " + archived.classData(), archived.firstMillis(), "ms", baseline,
                    "half of the plain jar's", archived.firstMillis() <= baseline / 2, archived.note());
        });
    }

    private record Start(String classData, long firstMillis, long lastMillis, int count, double cpuSeconds) {

        String note() {
            return String.format(Locale.ROOT, "class data: %s; last of %d waiting tasks after %d ms; worker CPU until then %.1f s",
                    classData, count, lastMillis, cpuSeconds);
        }
    }

    private static Start start(BenchStack stack, String name, int count, Optional<Path> classData) {
        Lane lane = stack.lane(name);
        List<String> keys = SampleObjects.writeSmallCsvs(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET), lane.keyPrefix(), count);
        try (TaskFeed feed = new TaskFeed(stack.bootstrapServers(), lane.tasksTopic())) {
            feed.publishAll(keys);
        }
        Instant started = Instant.now();
        RunningApp worker = stack.launchWorker(lane, "start", Scale.WORKER_POOL, classData);
        ResourceWindow window = ResourceWindow.start(Map.of("file-worker", worker.pid()));
        List<ResultReader.Received> received = ResultReader.awaitReceived(stack.bootstrapServers(), lane.resultsTopic(), count,
                BenchStack.APP_START);
        window.stop();
        Instant first = received.stream().map(ResultReader.Received::at).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = received.stream().map(ResultReader.Received::at).max(Comparator.naturalOrder()).orElseThrow();
        String mode = worker.process().classData();
        worker.close();
        return new Start(mode, Duration.between(started, first).toMillis(), Duration.between(started, last).toMillis(), count,
                window.usage().get("file-worker").cpuSeconds());
    }
}
