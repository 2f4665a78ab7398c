package io.obspipe.analysis;

import io.obspipe.analysis.consume.AnalysisLoop;
import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.localstack.TopicProbe;
import io.obspipe.localstack.llm.ChatCompletionsServer;
import io.obspipe.localstack.llm.KeyBehaviour;
import io.obspipe.model.Analysis;
import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analysis worker on a real Kafka broker, a real S3-protocol server and a local chat-completions server (the
 * official SDK as the client): routed results end as exactly one committed analysis event each (read_committed),
 * their result documents are rewritten with the analysis, other results are skipped, a result redelivered after an
 * interrupted analysis is analysed again but published once, an analysis is published while an earlier result of
 * its partition is still analysed and not again after a restart, and no key's secret shows in logs or metrics.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "pipeline.kafka.topics.tasks=analysis-it-tasks",
        "pipeline.kafka.topics.results=analysis-it-results",
        "pipeline.analysis.topic=analysis-it-analysis",
        "pipeline.analysis.key-pool-topic=analysis-it-key-pool",
        "pipeline.analysis.key-pool-interval=300ms",
        "spring.kafka.consumer.group-id=analysis-it",
        "pipeline.analysis.file-types=csv",
        "pipeline.analysis.prefixes=data/",
        "pipeline.analysis.max-concurrent=3",
        "pipeline.analysis.shutdown-grace=100ms",
        "pipeline.analysis.retry-backoff=50ms",
        "pipeline.analysis.excerpt-bytes=64B",
        "pipeline.analysis.model=it-model",
        // readable lines; JSON logging set up by this context would also shape the next context's first lines in this JVM
        "LOG_FORMAT=console"})
class AnalysisWorkerIT {

    static final String SECRET_A = "sk-it-secret-aaaa";
    static final String SECRET_B = "sk-it-secret-bbbb";
    static final Path WORK;
    static final S3ProxyServer S3;
    static final ChatCompletionsServer LLM = ChatCompletionsServer.start(0, KeyBehaviour.ok().latency(Duration.ofMillis(200), Duration.ofMillis(400)));

    static {
        try {
            WORK = Files.createTempDirectory("analysis-it");
            Files.writeString(WORK.resolve("keys.yaml"), """
                    keys:
                      - {id: key-a, api_key: "%s", priority: 1, qps_limit: 20, rpm_limit: 1200}
                      - {id: key-b, api_key: "%s", priority: 1, qps_limit: 20, rpm_limit: 1200}
                    """.formatted(SECRET_A, SECRET_B));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        S3 = S3ProxyServer.start(WORK.resolve("s3"));
        S3.bucketDir("input-files");
        S3.bucketDir("processed-files");
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        registry.add("pipeline.obs.server", S3::endpoint);
        registry.add("pipeline.obs.access-key", S3::accessKey);
        registry.add("pipeline.obs.secret-key", S3::secretKey);
        registry.add("pipeline.obs.path-style", () -> "true");
        registry.add("pipeline.obs.auth-type", () -> "V2");
        registry.add("pipeline.analysis.base-url", LLM::baseUrl);
        registry.add("pipeline.analysis.keys-file", () -> WORK.resolve("keys.yaml").toString());
    }

    @AfterAll
    static void stop() throws IOException {
        LLM.close();
        S3.close();
        FileSystemUtils.deleteRecursively(WORK);
    }

    @LocalServerPort
    int port;

    @Autowired
    AnalysisLoop loop;

    final TopicProbe kafka = new TopicProbe(System.getProperty("spring.embedded.kafka.brokers"));

    @Test
    void everyRoutedResultEndsWithExactlyOneCommittedAnalysisAndItsDocumentRewritten(CapturedOutput output) throws Exception {
        List<String> routed = IntStream.rangeClosed(1, 6).mapToObj(i -> "data/sales-" + i + ".csv").toList();
        routed.forEach(AnalysisWorkerIT::parsedFile);
        parsedFile("data/notes.txt");
        parsedFile("other/sales.csv");
        List<Map.Entry<String, String>> results = new java.util.ArrayList<>(routed.stream().map(key -> entry(key, success(key))).toList());
        results.add(entry("data/notes.txt", success("data/notes.txt")));
        results.add(entry("other/sales.csv", success("other/sales.csv")));
        results.add(entry("data/broken.csv", MessageCodec.encodeToString(new ProcessingResult(Instant.now(), WorkerType.MULTI_PROCESS,
                ResultStatus.FAILED, new ObjectLocation("input-files", "data/broken.csv"), null, null, "corrupt", null, "t", 0.1, "w", "csv",
                Instant.now()))));
        results.add(entry("garbage", "not a result"));
        kafka.produce("analysis-it-results", results);

        Map<String, ProcessingResult> byKey = awaitAnalysed(routed, key -> key.startsWith("data/sales-"));

        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(routed);
        for (String key : routed) {
            Analysis analysis = byKey.get(key).analysis();
            assertThat(analysis.status()).as(analysis.error()).isEqualTo(ResultStatus.SUCCESS);
            assertThat(analysis.model()).isEqualTo("it-model");
            assertThat(analysis.keyId()).isIn("key-a", "key-b");
            assertThat(analysis.json().get("summary").asString()).isEqualTo("a file analysed by it-model");
            assertThat(byKey.get(key).destination()).isEqualTo(new ObjectLocation("processed-files", key + ".parsed.json"));
            JsonNode document = MessageCodec.mapper().readTree(S3.bucketDir("processed-files").resolve(key + ".parsed.json").toFile());
            assertThat(document.at("/summary/total_rows").asLong()).isEqualTo(3);
            assertThat(document.at("/analysis/status").asString()).isEqualTo("success");
            assertThat(document.at("/analysis/key_id").asString()).isEqualTo(analysis.keyId());
        }
        assertThat(LLM.maxInFlight()).as("requests at once, ANALYSIS_MAX_CONCURRENT=3").isLessThanOrEqualTo(3);

        List<KeyPoolStatus> snapshots = kafka.read("analysis-it-key-pool", 1, Duration.ofSeconds(10), Duration.ZERO).stream()
                .map(record -> MessageCodec.decodeKeyPoolStatus(record.value().getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(snapshots.get(0).keys()).extracting(KeyPoolStatus.KeyState::keyId).containsExactly("key-a", "key-b");
        assertThat(snapshots.get(0).maxConcurrent()).isEqualTo(3);

        String metrics = get("/actuator/prometheus");
        assertThat(metrics).contains("pipeline_analysis_latency_seconds_bucket", "pipeline_analysis_requests_total{",
                "pipeline_analysis_skipped_total{application=\"analysis-worker\",reason=\"not_routed\"} 3.0",
                "pipeline_analysis_skipped_total{application=\"analysis-worker\",reason=\"invalid\"} 1.0",
                "pipeline_analysis_consumer_delay_seconds_count");
        assertThat(metrics + get("/actuator/health") + output.getAll()).doesNotContain(SECRET_A, SECRET_B);
    }

    @Test
    void aResultRedeliveredAfterAnInterruptedAnalysisIsPublishedOnce() throws Exception {
        List<String> keys = List.of("data/redo-1.csv", "data/redo-2.csv");
        keys.forEach(AnalysisWorkerIT::parsedFile);
        LLM.behaveByDefault(KeyBehaviour.ok().latency(Duration.ofSeconds(3), Duration.ofSeconds(3)));
        int before = LLM.requests();
        try {
            kafka.produce("analysis-it-results", keys.stream().map(key -> entry(key, success(key))).toList());
            await().atMost(Duration.ofSeconds(30)).until(() -> LLM.requests() >= before + 2);
            loop.stop();
        } finally {
            LLM.behaveByDefault(KeyBehaviour.ok().latency(Duration.ofMillis(200), Duration.ofMillis(400)));
        }
        loop.start();

        Map<String, ProcessingResult> byKey = awaitAnalysed(keys, key -> key.startsWith("data/redo-"));

        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(byKey.values()).allSatisfy(result -> assertThat(result.analysis().succeeded()).isTrue());
        assertThat(LLM.requests()).as("the interrupted analyses were made again").isGreaterThanOrEqualTo(before + 4);
    }

    @Test
    void aQuickAnalysisIsPublishedWhileAnEarlierOneOfItsPartitionRunsAndNotAgainAfterARestart() throws Exception {
        String slow = "data/ahead-slow.csv";
        String quick = samePartition(slow, "data/ahead-quick-");
        parsedFile(slow);
        parsedFile(quick);
        LLM.behaveByDefault(KeyBehaviour.ok().latency(Duration.ofSeconds(20), Duration.ofSeconds(20)));
        int before = LLM.requests();
        try {
            kafka.produce("analysis-it-results", List.of(entry(slow, success(slow))));
            await().atMost(Duration.ofSeconds(30)).until(() -> LLM.requests() >= before + 1);
        } finally {
            LLM.behaveByDefault(KeyBehaviour.ok().latency(Duration.ofMillis(200), Duration.ofMillis(400)));
        }
        kafka.produce("analysis-it-results", List.of(entry(quick, success(quick))));

        await().atMost(Duration.ofSeconds(30)).until(() -> analysedKeys().contains(quick));
        assertThat(analysedKeys()).as("the slow analysis still runs").doesNotContain(slow);
        loop.stop();
        loop.start();

        Map<String, ProcessingResult> byKey = awaitAnalysed(List.of(slow, quick), key -> key.startsWith("data/ahead-"));
        assertThat(byKey.keySet()).as("each once, the quick one not again").containsExactlyInAnyOrder(slow, quick);
        assertThat(get("/actuator/prometheus")).contains("reason=\"already_published\"} 1.0");
    }

    /** ANALYSIS_REWRITE_DOCUMENT=false, in a context of its own beside the outer one (own group, topics and worker id). */
    @Nested
    @TestPropertySource(properties = {
            "pipeline.analysis.rewrite-document=false",
            "pipeline.kafka.topics.results=analysis-it-results-kept",
            "pipeline.analysis.topic=analysis-it-analysis-kept",
            "pipeline.analysis.key-pool-topic=analysis-it-key-pool-kept",
            "spring.kafka.consumer.group-id=analysis-it-kept",
            "pipeline.analysis.worker-id=analysis-it-kept"})
    class WithoutTheDocumentRewrite {

        @Test
        void theAnalysisIsOnlyInItsEventAndTheResultDocumentStaysAsTheFileWorkerWroteIt() throws IOException {
            String key = "data/kept.csv";
            parsedFile(key);
            Path document = S3.bucketDir("processed-files").resolve(key + ".parsed.json");
            String written = Files.readString(document);

            kafka.produce("analysis-it-results-kept", List.of(entry(key, success(key))));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    kafka.read("analysis-it-analysis-kept", 1, Duration.ofSeconds(3), Duration.ZERO)).singleElement()
                    .satisfies(event -> assertThat(MessageCodec.decodeResult(event.value().getBytes(StandardCharsets.UTF_8))
                            .analysis().succeeded()).isTrue()));
            assertThat(Files.readString(document)).isEqualTo(written);
        }
    }

    /** A key whose results land in the same partition of the results topic as those of {@code key}. */
    private static String samePartition(String key, String prefix) {
        int partitions = 6;
        int wanted = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        return IntStream.range(0, 1000).mapToObj(i -> prefix + i + ".csv")
                .filter(candidate -> Utils.toPositive(Utils.murmur2(candidate.getBytes(StandardCharsets.UTF_8))) % partitions == wanted)
                .findFirst().orElseThrow();
    }

    private java.util.Set<String> analysedKeys() {
        return analysisEvents().stream().map(r -> MessageCodec.decodeResult(r.value().getBytes(StandardCharsets.UTF_8)).source().key())
                .collect(Collectors.toSet());
    }

    /** What a read_committed reader of the analysis topic gets within a few seconds (the other tests' events too). */
    private List<ConsumerRecord<String, String>> analysisEvents() {
        return kafka.read("analysis-it-analysis", Integer.MAX_VALUE, Duration.ofSeconds(3), Duration.ZERO);
    }

    /** The analysis events of the keys {@code wanted} selects, once those of {@code expected} are all there. */
    private Map<String, ProcessingResult> awaitAnalysed(List<String> expected, java.util.function.Predicate<String> wanted) {
        java.util.concurrent.atomic.AtomicReference<Map<String, ProcessingResult>> byKey = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            byKey.set(analysed(analysisEvents(), wanted));
            assertThat(byKey.get().keySet()).containsAll(expected);
        });
        return byKey.get();
    }

    /** The analysis events of the keys {@code wanted} selects, checking each key has exactly one. */
    private static Map<String, ProcessingResult> analysed(List<ConsumerRecord<String, String>> records,
                                                          java.util.function.Predicate<String> wanted) {
        List<ProcessingResult> events = records.stream().map(r -> MessageCodec.decodeResult(r.value().getBytes(StandardCharsets.UTF_8)))
                .filter(result -> wanted.test(result.source().key())).toList();
        Map<String, ProcessingResult> byKey = events.stream().collect(Collectors.toMap(r -> r.source().key(), r -> r, (a, b) -> a));
        assertThat(events).as("one committed analysis event per result").hasSameSizeAs(byKey.values());
        return byKey;
    }

    private static void parsedFile(String key) {
        try {
            Path source = S3.bucketDir("input-files").resolve(key);
            Files.createDirectories(source.getParent());
            Files.writeString(source, "region,amount\nnorth,10\nsouth,20\nnorth,30\n" + "x,1\n".repeat(40));
            Path document = S3.bucketDir("processed-files").resolve(key + ".parsed.json");
            Files.createDirectories(document.getParent());
            Files.writeString(document, "{\"source\":{\"bucket\":\"input-files\",\"key\":\"" + key + "\"},\"processor\":\"csv\","
                    + "\"charset\":\"UTF-8\",\"summary\":{\"total_rows\":3,\"columns\":[\"region\",\"amount\"]}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String success(String key) {
        return MessageCodec.encodeToString(new ProcessingResult(Instant.now(), WorkerType.MULTI_PROCESS, ResultStatus.SUCCESS,
                new ObjectLocation("input-files", key), new ObjectLocation("processed-files", key + ".parsed.json"), null, null, null,
                "task-" + key, 0.2, "worker-1", "csv", Instant.now()));
    }

    private String get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
