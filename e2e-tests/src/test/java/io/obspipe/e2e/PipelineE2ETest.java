package io.obspipe.e2e;

import io.obspipe.deploy.monitoring.MonitoringQueries;
import io.obspipe.deploy.promql.PromQuery;
import io.obspipe.deploy.promql.ScrapeCoverage;
import io.obspipe.deploy.tools.Tool;
import io.obspipe.localstack.AppProcess;
import io.obspipe.localstack.GeneratorSummary;
import io.obspipe.localstack.Ports;
import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.localstack.llm.ChatCompletionsServer;
import io.obspipe.localstack.llm.KeyBehaviour;
import io.obspipe.model.ErrorCode;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole flow as a user runs it: generator → Kafka → worker → results → notifier, each app a
 * real process from its jar. 80 good files of every supported type and 5 bad ones: every file gets
 * exactly one result, outputs hold the right numbers, bad files say why, and nothing is left unconsumed.
 * The analysis worker analyses the CSV files through a local OpenAI-compatible server (two keys, one answering
 * 429 now and then). A real Prometheus (Debian's binary, when installed) scrapes the apps throughout, with the
 * repository's scrape configuration and alert rules, and then the generator, left running in continuous mode.
 */
class PipelineE2ETest {

    static PipelineStack stack;
    static PipelineStack.Notifier notifier;
    static AppProcess worker;
    /** key → what the output's summary must show (JSON pointer → value), or the expected error code. */
    static final Map<String, Map<String, Object>> EXPECTED = new LinkedHashMap<>();
    static final Map<String, ErrorCode> EXPECTED_FAILURES = new LinkedHashMap<>();
    static final String NOT_A_TASK = "e2e/bad/not-a-task";
    static GeneratorSummary generated;
    static List<ProcessingResult> results;
    /** The generator in continuous mode after the run, as compose and Kubernetes run it: it serves a scrape. */
    static AppProcess continuousGenerator;
    static int generatorPort;
    static ChatCompletionsServer llm;
    static AppProcess analysisWorker;
    static int analysisPort;
    static final String LIMITED_KEY = "sk-e2e-limited-0123456789";
    /** Null when Prometheus is not installed. */
    static PrometheusServer prometheus;
    static final String DEAD_LETTERS = "pipeline_worker_dead_letters_total{application=\"file-worker\"}";
    /** Grafana's variables in the dashboard's queries, as Grafana sets them for a 15 s scrape interval. */
    static final Map<String, String> GRAFANA_VARIABLES = Map.of("$__rate_interval", "1m");

    @BeforeAll
    static void run() {
        stack = PipelineStack.start("pipeline");
        seed();
        worker = stack.startWorker("w1", Map.of("POOL_SIZE", "4"));
        notifier = stack.startNotifier(Map.of());
        llm = ChatCompletionsServer.start(0, KeyBehaviour.ok().latency(Duration.ofMillis(20), Duration.ofMillis(120)));
        llm.behave(LIMITED_KEY, KeyBehaviour.ok().rateLimited(3, Duration.ofMillis(300)));
        analysisPort = Ports.freePort();
        analysisWorker = stack.startAnalysisWorker(analysisPort, llm.baseUrl(), keyFile(), Map.of("ANALYSIS_FILE_TYPES", "csv"));
        generatorPort = Ports.freePort();
        prometheus = Tool.find("prometheus").map(tool -> PrometheusServer.start(tool, stack.work.resolve("prometheus"), Map.of(
                "file-worker", stack.portOf(worker), "result-notifier", notifier.port(), "task-generator", generatorPort,
                "analysis-worker", analysisPort))).orElse(null);
        if (prometheus != null) {
            // the worker's dead-letter counter scraped at 0 first, so that increase() sees the dead letter below
            await().atMost(Duration.ofSeconds(60)).until(() -> !prometheus.query(DEAD_LETTERS).isEmpty());
        }
        stack.topics.produce("file-processing-tasks", List.of(Map.entry(NOT_A_TASK, "this is not a task")));
        generated = stack.runGenerator("e2e/");
        results = stack.results(EXPECTED.size() + EXPECTED_FAILURES.size(), Duration.ofSeconds(120));
        // incremental: it finds every object tasked already and publishes nothing
        continuousGenerator = stack.generator("e2e/", Map.of("GENERATOR_SCAN_INTERVAL", "1s", "SERVER_PORT", String.valueOf(generatorPort)));
        continuousGenerator.awaitPort(generatorPort, PipelineStack.APP_START);
    }

    private static Path keyFile() {
        Path keys = stack.work.resolve("api_keys.yaml");
        try {
            Files.writeString(keys, """
                    keys:
                      - {id: key-steady, api_key: "sk-e2e-steady-0123456789", priority: 1, qps_limit: 50, rpm_limit: 3000}
                      - {id: key-limited, api_key: "%s", priority: 1, qps_limit: 50, rpm_limit: 3000}
                    """.formatted(LIMITED_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (llm != null) {
            llm.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyFileGetsExactlyOneResultWithTheRightContent() throws IOException {
        int files = EXPECTED.size() + EXPECTED_FAILURES.size();

        assertThat(generated.scanned()).as("objects in the bucket").isEqualTo(files - 1);
        assertThat(generated.published()).isEqualTo(files - 1);
        assertThat(results).hasSize(files);
        Map<String, ProcessingResult> byKey = results.stream().collect(Collectors.toMap(r -> r.source().key(), Function.identity()));
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(EXPECTED.keySet().stream(), EXPECTED_FAILURES.keySet().stream()).toList());
        for (Map.Entry<String, Map<String, Object>> expected : EXPECTED.entrySet()) {
            ProcessingResult result = byKey.get(expected.getKey());
            assertThat(result.status()).as(expected.getKey() + ": " + result.error()).isEqualTo(ResultStatus.SUCCESS);
            byte[] document = Files.readAllBytes(stack.destination(result.destination().key()));
            JsonNode output = MessageCodec.mapper().readTree(document);
            assertThat(result.destination().key()).isEqualTo(expected.getKey() + ".parsed.json");
            long stored = document.length;
            if (output.has("analysis")) {
                // the analysis stage rewrote the document with its analysis added; the result event tells the size it had
                assertThat(stored).as(expected.getKey()).isGreaterThan(result.fileInfo().outputSize());
            } else {
                assertThat(result.fileInfo().outputSize()).as(expected.getKey()).isEqualTo(stored);
            }
            expected.getValue().forEach((pointer, value) ->
                    assertThat(output.at(pointer).asString()).as(expected.getKey() + " " + pointer).isEqualTo(String.valueOf(value)));
        }
        EXPECTED_FAILURES.forEach((key, code) -> {
            ProcessingResult result = byKey.get(key);
            assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
            assertThat(result.errorCode()).as(key).isEqualTo(code);
            assertThat(result.error()).as(key).isNotBlank()
                    .contains(code == ErrorCode.INVALID_TASK ? "not valid JSON" : key.substring(key.lastIndexOf('/') + 1));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.workerLag()).isZero());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode summary = notifier.summary();
            assertThat(summary.get("total").asLong()).isEqualTo(files);
            assertThat(summary.get("succeeded").asLong()).isEqualTo(EXPECTED.size());
            assertThat(summary.get("failed").asLong()).isEqualTo(EXPECTED_FAILURES.size());
            assertThat(summary.at("/processing_log/success").asLong()).isEqualTo(EXPECTED.size());
            assertThat(summary.at("/processing_log/failed").asLong()).isEqualTo(EXPECTED_FAILURES.size());
        });
    }

    /**
     * Every CSV file that succeeded (gzip'd ones too: ANALYSIS_FILE_TYPES looks through .gz) gets exactly one committed analysis event (read_committed), with the key's id and
     * never its secret, its result document gains the analysis, and the notifier counts analyses apart from results.
     */
    @Test
    void everyProcessedCsvGetsExactlyOneAnalysis() throws IOException {
        List<String> csvFiles = EXPECTED.keySet().stream().filter(key -> key.endsWith(".csv") || key.endsWith(".csv.gz")).toList();

        List<ConsumerRecord<String, String>> records = stack.topics.read(Topics.DEFAULT_ANALYSIS, csvFiles.size(),
                Duration.ofSeconds(120), Duration.ofSeconds(3));

        List<ProcessingResult> analysed = records.stream()
                .map(r -> MessageCodec.decodeResult(r.value().getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(analysed).extracting(r -> r.source().key()).containsExactlyInAnyOrderElementsOf(csvFiles);
        for (ProcessingResult result : analysed) {
            assertThat(result.analysis().status()).as(result.source().key() + ": " + result.analysis().error())
                    .isEqualTo(ResultStatus.SUCCESS);
            assertThat(result.analysis().keyId()).isIn("key-steady", "key-limited");
            JsonNode document = MessageCodec.mapper().readTree(Files.readString(stack.destination(result.destination().key())));
            assertThat(document.at("/analysis/status").asString()).isEqualTo("success");
        }
        assertThat(records).extracting(ConsumerRecord::value).noneMatch(value -> value.contains(LIMITED_KEY));
        assertThat(String.join("\n", analysisWorker.logLines())).doesNotContain(LIMITED_KEY);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(notifier.summary().get("total").asLong()).isEqualTo(EXPECTED.size() + EXPECTED_FAILURES.size()));
    }

    @Test
    void workerLogsCarryTheSeedFieldsAndNoSecret() {
        String processed = worker.logLines().stream().filter(line -> line.contains("\"event\":\"处理完成\"")).findFirst().orElseThrow();
        JsonNode line = MessageCodec.mapper().readTree(processed);

        for (String field : List.of("timestamp", "level", "event", "logger", "file_key", "processing_time", "input_size", "output_size")) {
            assertThat(line.has(field)).as(field + " in " + processed).isTrue();
        }
        assertThat(line.get("processing_time").isNumber()).isTrue();
        for (AppProcess app : stack.apps()) {
            assertThat(String.join("\n", app.logLines())).as(app.name()).doesNotContain(S3ProxyServer.DEFAULT_SECRET_KEY);
        }
    }

    @Test
    void everySeriesTheDashboardAlertsAndAutoscalerReadIsExported() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> scrapes = Map.of(
                    "file-worker", PipelineStack.httpGet(stack.portOf(worker), "/actuator/prometheus"),
                    "result-notifier", PipelineStack.httpGet(notifier.port(), "/actuator/prometheus"),
                    "task-generator", PipelineStack.httpGet(generatorPort, "/actuator/prometheus"),
                    "analysis-worker", PipelineStack.httpGet(analysisPort, "/actuator/prometheus"));
            assertThat(ScrapeCoverage.problems(scrapes, MonitoringQueries.all())).isEmpty();
        });
    }

    /**
     * Through the HTTP API of a real Prometheus that has scraped the stack during the run: every target is up,
     * every alert rule loads and evaluates, every series the dashboard, the alerts and the autoscaler select has
     * data, every dashboard query runs and returns a series, and the dead-lettered record fires DeadLettersWritten
     * (the alert the run can cause: it has no {@code for:}; the others' conditions and durations are proven
     * by the promtool tests in deploy/prometheus/tests).
     */
    @Test
    void prometheusScrapingTheRunHasDataForEveryQueryAndFiresTheDeadLetterAlert() {
        assumeTrue(prometheus != null, "prometheus is not installed (Debian package prometheus: "
                + "apt-get install -y --no-install-recommends prometheus, or run .ci/ensure-test-services.sh)");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(prometheus.api("/api/v1/targets").path("activeTargets"))
                .extracting(target -> target.path("labels").path("job").asString() + " " + target.path("health").asString())
                .as(prometheus.logTail()).containsExactlyInAnyOrder("file-worker up", "result-notifier up", "task-generator up", "analysis-worker up"));
        List<String> alerts = MonitoringQueries.alertRules().stream().map(rule -> String.valueOf(rule.get("alert"))).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rules())
                .containsExactlyInAnyOrderElementsOf(alerts.stream().map(alert -> alert + " ok").toList()));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(queriesWithoutData()).isEmpty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus.api("/api/v1/alerts").path("alerts"))
                .extracting(alert -> alert.path("labels").path("alertname").asString() + " " + alert.path("state").asString())
                .contains("DeadLettersWritten firing"));
    }

    /** "alert health" of every rule Prometheus loaded. */
    private static List<String> rules() {
        List<String> rules = new ArrayList<>();
        for (JsonNode group : prometheus.api("/api/v1/rules").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.add(rule.path("name").asString() + " " + rule.path("health").asString()
                        + (rule.path("lastError").asString().isEmpty() ? "" : ": " + rule.path("lastError").asString()));
            }
        }
        return rules;
    }

    /** Where each series selected and each dashboard or autoscaler query returns nothing: one line each. */
    private static List<String> queriesWithoutData() {
        List<String> empty = new ArrayList<>();
        for (PromQuery query : MonitoringQueries.all()) {
            for (PromQuery.Selector selector : query.selectors()) {
                if (prometheus.query(selector.withEqualityMatchers()).isEmpty()) {
                    empty.add(query.origin() + ": no series " + selector.withEqualityMatchers());
                }
            }
        }
        for (PromQuery query : concat(MonitoringQueries.dashboards(), MonitoringQueries.autoscalerMetrics())) {
            String expression = query.expression();
            for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
                expression = expression.replace(variable.getKey(), variable.getValue());
            }
            if (prometheus.query(expression).isEmpty()) {
                empty.add(query.origin() + ": no result for " + expression);
            }
        }
        return empty;
    }

    private static List<PromQuery> concat(List<PromQuery> first, List<PromQuery> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static void seed() {
        for (int i = 0; i < 10; i++) {
            good("e2e/csv/sales-" + i + ".csv", csv(i + 3), Map.of("/summary/total_rows", i + 3, "/processor", "csv"));
            good("e2e/tsv/table-" + i + ".tsv", csv(i + 2).replace(',', '\t'), Map.of("/summary/total_rows", i + 2, "/format", "tsv"));
            good("e2e/json/records-" + i + ".json", jsonArray(i + 1), Map.of("/summary/record_count", i + 1, "/summary/type", "array"));
            good("e2e/ndjson/events-" + i + ".ndjson", ndjson(i + 4), Map.of("/summary/record_count", i + 4));
            good("e2e/jsonl/metrics-" + i + ".jsonl", ndjson(i + 1), Map.of("/summary/record_count", i + 1));
            good("e2e/text/notes-" + i + ".txt", "word ".repeat(3).trim().concat("\n").repeat(i + 5), Map.of("/summary/lines", i + 5,
                    "/summary/words", 3 * (i + 5)));
            good("e2e/logs/app-" + i + ".log", "2025-08-25 INFO started\n2025-08-25 WARN slow\n2025-08-25 ERROR failed " + i + "\n",
                    Map.of("/summary/log_like", true, "/summary/log_levels/ERROR", 1));
            EXPECTED.put("e2e/gz/sales-" + i + ".csv.gz", Map.of("/summary/total_rows", i + 3, "/compressed", true));
            stack.putSource("e2e/gz/sales-" + i + ".csv.gz", gzip(csv(i + 3)));
        }
        EXPECTED_FAILURES.put(NOT_A_TASK, ErrorCode.INVALID_TASK);
        bad("e2e/bad/report.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), ErrorCode.UNSUPPORTED_FORMAT);
        bad("e2e/bad/broken.json", "{\"a\": [1, 2".getBytes(StandardCharsets.UTF_8), ErrorCode.CORRUPT_CONTENT);
        EXPECTED.put("e2e/charset/latin1.csv", Map.of("/charset", "windows-1252", "/summary/column_summary/name/most_frequent", "Jos\u00e9"));
        stack.putSource("e2e/charset/latin1.csv", "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        EXPECTED.put("e2e/charset/gbk.csv", Map.of("/charset", "GB18030", "/summary/column_summary/城市/most_frequent", "北京"));
        stack.putSource("e2e/charset/gbk.csv", "姓名,城市\r\n张三,北京\r\n李四,上海\r\n王五,北京\r\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        bad("e2e/bad/binary.csv", new byte[] {'P', 'K', 3, 4, 0, 0, (byte) 0xff, (byte) 0xfe}, ErrorCode.CORRUPT_CONTENT);
        bad("e2e/bad/empty.csv", new byte[0], ErrorCode.CORRUPT_CONTENT);
        byte[] gz = gzip(csv(50));
        bad("e2e/bad/truncated.csv.gz", java.util.Arrays.copyOf(gz, gz.length / 2), ErrorCode.CORRUPT_CONTENT);
    }

    private static void good(String key, String content, Map<String, Object> expected) {
        EXPECTED.put(key, expected);
        stack.putSource(key, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void bad(String key, byte[] content, ErrorCode code) {
        EXPECTED_FAILURES.put(key, code);
        stack.putSource(key, content);
    }

    static String csv(int rows) {
        StringBuilder csv = new StringBuilder("id,amount,region\n");
        for (int r = 0; r < rows; r++) {
            csv.append(r).append(',').append(r * 10).append(',').append(r % 2 == 0 ? "north" : "south").append('\n');
        }
        return csv.toString();
    }

    private static String jsonArray(int records) {
        return java.util.stream.IntStream.range(0, records).mapToObj(r -> "{\"id\":" + r + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String ndjson(int records) {
        return java.util.stream.IntStream.range(0, records).mapToObj(r -> "{\"id\":" + r + ",\"ok\":true}\n").collect(Collectors.joining());
    }

    static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
