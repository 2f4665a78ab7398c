package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.measure.Throughput;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.model.FileInfo;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Scenario 4: result events pre-loaded on a results topic, drained by the notifier through its log (to
 * its log file), metrics and live-feed sinks with one connected dashboard client (server-sent events).
 * The run ends when every consumer group of the notifier's sinks has committed every event: one group for all of
 * them ({@code -local}) since the in-process sinks share a lane, one per sink in builds before that.
 * Baseline: a plain consumer reading the same events and discarding them, before and after. Then the database sink on
 * its own (embedded H2): rows/s into a new processing log, for a fifth of the events.
 */
final class NotifierScenario implements Scenario {

    /** The sinks switched on; metrics is always on, log and live are switched on by name. */
    static final List<String> SINKS = List.of("live", "log", "metrics");
    /** The suffixes of the groups they may consume in: the shared lane of in-process sinks, or one per sink (older builds). */
    private static final List<String> GROUP_SUFFIXES = List.of("local", "live", "log", "metrics");
    private static final double TARGET = 100_000;
    /** The database step drains this share of the events: one per this many. */
    private static final int DATABASE_SHARE = 5;
    private static final double DATABASE_TARGET = 50_000;
    /** A second half shorter than this (a small run) says nothing about a warm notifier: no warm rows then. */
    private static final long MIN_WARM_MILLIS = 2_000;

    @Override
    public String name() {
        return "notifier";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane lane = stack.lane("notifier");
        int events = scale.notifierEvents();
        preload(stack.bootstrapServers(), lane.resultsTopic(), events);
        double plainBefore = plainConsumer(stack.bootstrapServers(), lane.resultsTopic(), events);

        RunningApp notifier = stack.launchNotifier(lane, SINKS);
        Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
        pids.put("result-notifier", notifier.pid());
        notifier.awaitReady();
        long readyNanos = System.nanoTime();
        AtomicLong received = new AtomicLong();
        Thread client = dashboardClient(notifier.httpPort(), received);
        ResourceWindow window = ResourceWindow.start(pids);
        Drain drain = awaitDrained(stack, lane, GROUP_SUFFIXES, events, readyNanos, Duration.ofSeconds(120 + events / 2000));
        window.stop();
        client.interrupt();
        double plainAfter = plainConsumer(stack.bootstrapServers(), lane.resultsTopic(), events);

        double rate = Throughput.perSecond(drain.events(), drain.millis());
        double baseline = (plainBefore + plainAfter) / 2;
        report.row("events/s through log + metrics + live", rate, "events/s", baseline, "≥ 100,000 events/s", rate >= TARGET,
                String.format(Locale.ROOT, "%d events, consumed by %d consumer group(s) %s; measured from %s: "
                                + "%d events in %.1f s; plain consumer before / after %.0f / %.0f events/s; dashboard client got %d",
                        events, drain.groups().size(), drain.groups(), drain.clock(), drain.events(), drain.millis() / 1000.0,
                        plainBefore, plainAfter, received.get()));
        warmRows(report, "events/s through log + metrics + live", "events/s", "notifier", drain, window);
        report.resources("Processes while the notifier drained", window);
        report.profile("result-notifier", notifier.stopAndProfile());
        database(stack, Math.max(1, events / DATABASE_SHARE), report);
    }

    /**
     * The database sink alone on its default, the embedded H2 file: a notifier with only it (and metrics) drains events
     * of a topic of its own into a new processing log, until its {@code -database} group committed every event; then
     * the log's rows are counted through {@code GET /api/summary}.
     */
    private static void database(BenchStack stack, int events, ScenarioReport report) {
        Lane lane = stack.lane("notifier-database");
        preload(stack.bootstrapServers(), lane.resultsTopic(), events);
        RunningApp notifier = stack.launchNotifier(lane, List.of("database"));
        Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
        pids.put("result-notifier", notifier.pid());
        notifier.awaitReady();
        long readyNanos = System.nanoTime();
        ResourceWindow window = ResourceWindow.start(pids);
        Drain drain = awaitDrained(stack, lane, List.of("database"), events, readyNanos, Duration.ofSeconds(120 + events / 500));
        window.stop();
        long rows = processingLogRows(notifier.httpPort());
        double rate = Throughput.perSecond(drain.events(), drain.millis());
        report.row("rows/s into the processing log (embedded H2)", rate, "rows/s", null, "≥ 50,000 rows/s", rate >= DATABASE_TARGET,
                String.format(Locale.ROOT, "%d events through the database sink alone, measured from %s: %d in %.1f s; "
                        + "rows in the processing log afterwards: %d", events, drain.clock(), drain.events(), drain.millis() / 1000.0, rows));
        warmRows(report, "rows/s into the processing log", "rows/s", "notifier (database)", drain, window);
        report.resources("Processes while the database sink drained", window);
        report.profile("result-notifier (database)", notifier.stopAndProfile());
    }

    /**
     * The second half of a drain, a notifier past most of its JIT compilation as a long-running one is: its rate, and the
     * notifier's CPU per event in it against the whole window's (from its readiness, group joins included).
     */
    private static void warmRows(ScenarioReport report, String rateFigure, String unit, String process, Drain drain, ResourceWindow window) {
        Half half = drain.half();
        if (half == null || drain.endEpochMillis() - half.epochMillis() < MIN_WARM_MILLIS) {
            return;
        }
        long warmEvents = drain.endCommitted() - half.committed();
        ResourceWindow.Usage whole = window.usage().get("result-notifier");
        ResourceWindow.Usage warm = window.usageBetween(half.epochMillis(), drain.endEpochMillis()).get("result-notifier");
        double warmCpuPerMillion = warm.cpuSeconds() * 1e6 / warmEvents;
        report.row(rateFigure + ", warm (second half of the drain)", Throughput.perSecond(warmEvents, drain.endEpochMillis() - half.epochMillis()),
                        unit, null, "", null, String.format(Locale.ROOT, "the last %d events, from when every group had committed %d",
                                warmEvents, half.committed()))
                .row(process + " CPU per 1 M events, warm (second half of the drain)", warmCpuPerMillion, "CPU-s",
                        whole.cpuSeconds() * 1e6 / drain.endCommitted(), "", null, String.format(Locale.ROOT,
                                "baseline: the whole window, from the notifier's readiness; of which JIT compilation %.1f CPU-s warm, %.1f whole; "
                                        + "in the %.1f s of the half the notifier's threads waited %.1f s for a core (summed over threads)",
                                warm.compilerSeconds() * 1e6 / warmEvents, whole.compilerSeconds() * 1e6 / drain.endCommitted(),
                                (drain.endEpochMillis() - half.epochMillis()) / 1000.0, warm.waitedSeconds()));
    }

    /** The rows of the processing log, from the summary's count per status. */
    private static long processingLogRows(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/summary")).build();
        try {
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            long rows = 0;
            for (var count : MessageCodec.mapper().readTree(body).path("processing_log")) {
                rows += count.asLong();
            }
            return rows;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting the processing log's rows", e);
        }
    }

    /** Writes the events; the records the broker refused are sent again by a new producer, at most twice. */
    private static void preload(String bootstrapServers, String topic, int events) {
        Instant now = Instant.now();
        List<Integer> pending = IntStream.range(0, events).boxed().toList();
        for (int round = 0; round < 3 && !pending.isEmpty(); round++) {
            pending = send(bootstrapServers, topic, now, pending);
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " of " + events + " events could not be written to " + topic);
        }
    }

    /** Sends the events of these indexes; returns the indexes the broker refused. */
    private static List<Integer> send(String bootstrapServers, String topic, Instant now, List<Integer> indexes) {
        Queue<Integer> refused = new ConcurrentLinkedQueue<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (int i : indexes) {
                String key = "notifier/file-" + i + ".csv";
                ProcessingResult result = new ProcessingResult(now, WorkerType.MULTI_PROCESS, ResultStatus.SUCCESS,
                        new ObjectLocation("input-files", key), new ObjectLocation("processed-files", key + ".parsed.json"),
                        FileInfo.of(2048 + i % 1000, 900), null, null, "task-" + i, 0.012, "bench-worker-1", "csv", now);
                producer.send(new ProducerRecord<>(topic, key, MessageCodec.encode(result)), (metadata, error) -> {
                    if (error != null) {
                        refused.add(i);
                    }
                });
            }
        }
        return List.copyOf(refused);
    }

    /** Events/s of a consumer that reads the topic from the start and discards every record. */
    private static double plainConsumer(String bootstrapServers, String topic, int events) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, BenchStack.PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long started = System.nanoTime();
            // a guard against a lost record, not a speed: a plain consumer reads far faster than this
            long deadline = started + Duration.ofSeconds(60 + events / 1000).toNanos();
            long read = 0;
            long bytes = 0;
            while (read < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read " + read + " of " + events + " events of " + topic + " in "
                            + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    bytes += record.value().length;
                }
            }
            if (bytes == 0) {
                throw new IllegalStateException("empty events on " + topic);
            }
            return read / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** One dashboard client reading the live feed; counts the result events it receives. */
    private static Thread dashboardClient(int port, AtomicLong received) {
        Thread thread = new Thread(() -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/results/stream")).build();
            try {
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null && !Thread.currentThread().isInterrupted(); line = lines.readLine()) {
                        if (line.startsWith("event:result")) {
                            received.incrementAndGet();
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the notifier stopped or the scenario ended: the count so far stands
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dashboard-client");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Polls the sink groups' committed offsets until each has committed every event. The clock starts at the first
     * commit seen, which leaves out the notifier's joining its groups; when that first commit already covers every event
     * (a small run drained in one batch), nothing was measured after it and the clock starts at the notifier's readiness.
     */
    private static Drain awaitDrained(BenchStack stack, Lane lane, List<String> suffixes, int events, long readyNanos, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstSeenNanos = 0;
        long committedAtFirst = 0;
        Half half = null;
        while (System.nanoTime() < deadline) {
            List<String> groups = sinkGroups(stack, lane, suffixes);
            long[] committed = groups.stream().mapToLong(group -> committed(stack, group)).toArray();
            long slowest = java.util.Arrays.stream(committed).min().orElse(0);
            long fastest = java.util.Arrays.stream(committed).max().orElse(0);
            long now = System.nanoTime();
            // conservative: the clock starts at the first commit of any sink, the count at the slowest sink's offset
            if (firstSeenNanos == 0 && fastest > 0) {
                firstSeenNanos = now;
                committedAtFirst = slowest;
            }
            if (committedAtFirst >= events) {
                return new Drain(events, (now - readyNanos) / 1_000_000, groups, "the notifier's readiness", null, events,
                        System.currentTimeMillis());
            }
            if (half == null && firstSeenNanos > 0 && slowest > committedAtFirst && slowest >= (committedAtFirst + events) / 2) {
                half = new Half(slowest, System.currentTimeMillis());
            }
            if (slowest >= events) {
                return new Drain(events - committedAtFirst, (now - firstSeenNanos) / 1_000_000, groups, "the first commit",
                        half, slowest, System.currentTimeMillis());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the notifier's sinks did not drain " + events + " events within " + timeout.toSeconds() + " s");
    }

    /** The notifier's sink groups that exist on the broker (the lanes join their groups when the notifier starts). */
    private static List<String> sinkGroups(BenchStack stack, Lane lane, List<String> suffixes) {
        try {
            List<String> existing = stack.admin().listConsumerGroups().all().get().stream()
                    .map(listing -> listing.groupId()).toList();
            return suffixes.stream().map(suffix -> lane.notifierGroup() + "-" + suffix).filter(existing::contains).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            return List.of();
        }
    }

    private static long committed(BenchStack stack, String group) {
        try {
            return stack.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            return 0;
        }
    }

    /**
     * @param half          when the slowest group had first committed at least half of what was left at the first commit;
     *                      null when the drain ended at its first commit
     * @param endCommitted  the slowest group's committed events at the end
     */
    private record Drain(long events, long millis, List<String> groups, String clock, Half half, long endCommitted, long endEpochMillis) {
    }

    private record Half(long committed, long epochMillis) {
    }
}
