package io.obspipe.notifier;

import io.obspipe.model.MessageCodec;
import io.obspipe.notifier.support.ResultsTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app, with its default sinks, against a real broker: valid results of the seed's formats and
 * one unreadable record go into the results topic; the summary, the log lines, the metrics and the
 * committed offsets of every sink's consumer group are checked the way an operator would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_TOPIC_TASKS=" + ResultNotifierIT.TOPIC + "-tasks",
        "KAFKA_RESULT_TOPIC=" + ResultNotifierIT.TOPIC,
        "KAFKA_TOPIC_PARTITIONS=3",
        "NOTIFIER_GROUP_ID=" + ResultNotifierIT.GROUP,
        "NOTIFIER_CONCURRENCY=2",
        "NOTIFIER_LOCAL_CONCURRENCY=2",
        "NOTIFIER_SUMMARY_INTERVAL=1s",
        "NOTIFIER_DATA_DIR=./target/it-data/result-notifier-it"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class ResultNotifierIT {

    static final String TOPIC = "notifier-it-results";
    static final String GROUP = "notifier-it";
    private static final Path SEED = Path.of(System.getProperty("pipeline.root", ".."), "common-model/src/test/resources/seed");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ResultsTopic topic = new ResultsTopic(TOPIC);

    @LocalServerPort
    int port;

    @Test
    void countsTheValidResultsSkipsTheUnreadableOneAndCommitsToTheEndOfTheTopic(CapturedOutput output) throws Exception {
        String success = Files.readString(SEED.resolve("success.json"));
        String failure = Files.readString(SEED.resolve("failure.json"));
        List<String> values = new ArrayList<>(List.of(success, failure, "{\"status\": \"success\", \"source\": "));
        IntStream.rangeClosed(1, 3).forEach(i -> values.add(successWithTask(success, i)));
        values.add(failureWithTask(failure));

        topic.sendValues(values, 0);

        assertThat(topic.endOffsets()).containsEntry(new TopicPartition(TOPIC, 0), (long) values.size());
        for (String sink : List.of("database", "local")) {
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(topic.committedOffsets(GROUP + "-" + sink)).as("offsets of sink " + sink).isEqualTo(topic.endOffsets()));
        }

        JsonNode summary = get("/api/summary");
        assertThat(summary.get("succeeded").asLong()).isEqualTo(4);
        assertThat(summary.get("failed").asLong()).isEqualTo(2);
        assertThat(summary.get("total").asLong()).isEqualTo(6);
        assertThat(summary.get("files_per_second").asDouble()).isPositive();
        assertThat(summary.get("last_minute_files_per_second").asDouble()).isPositive();
        assertThat(summary.get("started_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(summary.get("last_result_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        assertThat(jsonLines(output, "ResultRecordDecoder")).singleElement().satisfies(warning -> {
            assertThat(warning.get("level").asString()).isEqualTo("warn");
            assertThat(warning.get("topic").asString()).isEqualTo(TOPIC);
            assertThat(warning.get("partition").asInt()).isZero();
            assertThat(warning.get("offset").asLong()).isEqualTo(2);
            assertThat(warning.get("reason").asString()).startsWith("result message is not valid JSON");
            assertThat(warning.get("event").asString()).contains("partition 0, offset 2");
        });

        List<JsonNode> resultLines = jsonLines(output, "LogSink");
        assertThat(resultLines).hasSize(6);
        JsonNode processed = byTask(resultLines, "task-2");
        assertThat(processed.get("level").asString()).isEqualTo("info");
        assertThat(processed.get("status").asString()).isEqualTo("success");
        assertThat(processed.get("file_key").asString()).isEqualTo("data/input-2.csv");
        assertThat(processed.get("dest_key").asString()).isEqualTo("data/input-2.csv.parsed.json");
        assertThat(processed.get("input_size").asLong()).isEqualTo(1024);
        assertThat(processed.get("output_size").asLong()).isEqualTo(2048);
        assertThat(processed.get("processing_time").asDouble()).isEqualTo(0.25);
        assertThat(processed.get("worker_id").asString()).isEqualTo("worker-a");
        assertThat(processed.get("error").isNull()).isTrue();
        JsonNode failed = byTask(resultLines, "task-failed");
        assertThat(failed.get("level").asString()).isEqualTo("warn");
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("file_key").asString()).isEqualTo("data/corrupted.csv");
        assertThat(failed.get("dest_key").isNull()).isTrue();
        assertThat(failed.get("error").asString()).isEqualTo("文件格式不支持");
        assertThat(failed.get("error_code").asString()).isEqualTo("corrupt_content");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.getOut())
                .contains("results summary succeeded=4 failed=2 total=6 files_per_s="));

        String metrics = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metric(metrics, "pipeline_notifier_results_total", "status=\"success\"")).isEqualTo(4);
        assertThat(metric(metrics, "pipeline_notifier_results_total", "status=\"failed\"")).isEqualTo(2);
        assertThat(metric(metrics, "pipeline_notifier_results_total", "error_code=\"corrupt_content\"")).isEqualTo(1);
        assertThat(metric(metrics, "pipeline_notifier_results_invalid_total", "")).isEqualTo(1);
        assertThat(metric(metrics, "pipeline_notifier_sink_deliveries_total", "outcome=\"delivered\",sink=\"log\"")).isEqualTo(6);
        assertThat(metric(metrics, "pipeline_notifier_sink_deliveries_total", "outcome=\"failed\"")).isZero();
        assertThat(metric(metrics, "pipeline_notifier_sink_latency_seconds_count", "sink=\"summary\"")).isEqualTo(6);
        assertThat(metrics.lines().filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max{")))
                .as("each sink's lag is its consumer's").anyMatch(line -> line.contains("client_id=\"" + GROUP + "-database"));
    }

    private static String successWithTask(String seed, int i) {
        ObjectNode result = (ObjectNode) MessageCodec.mapper().readTree(seed);
        result.put("task_id", "task-" + i);
        result.put("processing_time", 0.25);
        result.put("worker_id", "worker-a");
        ((ObjectNode) result.get("source")).put("key", "data/input-" + i + ".csv");
        ((ObjectNode) result.get("destination")).put("key", "data/input-" + i + ".csv.parsed.json");
        return result.toString();
    }

    private static String failureWithTask(String seed) {
        ObjectNode result = (ObjectNode) MessageCodec.mapper().readTree(seed);
        result.put("task_id", "task-failed");
        result.put("error_code", "corrupt_content");
        return result.toString();
    }

    private JsonNode get(String path) {
        String body = RestClient.create("http://127.0.0.1:" + port).get().uri(path).retrieve().body(String.class);
        return MessageCodec.mapper().readTree(body);
    }

    /** The JSON log lines written by the logger whose name ends with the given class name. */
    private static List<JsonNode> jsonLines(CapturedOutput output, String loggerClass) {
        return output.getOut().lines()
                .filter(line -> line.startsWith("{"))
                .map(line -> MessageCodec.mapper().readTree(line))
                .filter(line -> line.path("logger").asString("").endsWith("." + loggerClass))
                .toList();
    }

    private static JsonNode byTask(List<JsonNode> lines, String taskId) {
        return lines.stream().filter(line -> taskId.equals(line.path("task_id").asString(null))).findFirst()
                .orElseThrow(() -> new AssertionError("no log line for task " + taskId));
    }

    /** The sum of a Prometheus series' samples whose labels contain the given text. */
    private static double metric(String exposition, String name, String labels) {
        return exposition.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
