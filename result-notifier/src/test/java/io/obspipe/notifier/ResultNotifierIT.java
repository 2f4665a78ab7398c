package io.obspipe.notifier;

import io.obspipe.model.MessageCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app against a real broker: valid results of the seed's formats and one unreadable record
 * go into the results topic; the summary, the log lines, the metrics and the committed offsets are
 * checked the way an operator would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_TOPIC_TASKS=" + ResultNotifierIT.TOPIC + "-tasks",
        "KAFKA_RESULT_TOPIC=" + ResultNotifierIT.TOPIC,
        "KAFKA_TOPIC_PARTITIONS=3",
        "NOTIFIER_GROUP_ID=" + ResultNotifierIT.GROUP,
        "NOTIFIER_CONCURRENCY=2",
        "NOTIFIER_SUMMARY_INTERVAL=1s"})
@ExtendWith(OutputCaptureExtension.class)
class ResultNotifierIT {

    static final String TOPIC = "notifier-it-results";
    static final String GROUP = "notifier-it";
    private static final Path SEED = Path.of(System.getProperty("pipeline.root", ".."), "common-model/src/test/resources/seed");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void countsTheValidResultsSkipsTheUnreadableOneAndCommitsToTheEndOfTheTopic(CapturedOutput output) throws Exception {
        String success = Files.readString(SEED.resolve("success.json"));
        String failure = Files.readString(SEED.resolve("failure.json"));
        List<String> values = new ArrayList<>(List.of(success, failure, "{\"status\": \"success\", \"source\": "));
        IntStream.rangeClosed(1, 3).forEach(i -> values.add(successWithTask(success, i)));
        values.add(failureWithTask(failure));

        produceToPartitionZero(values);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committedOffsets()).isEqualTo(endOffsets()));
        assertThat(endOffsets()).containsEntry(new TopicPartition(TOPIC, 0), (long) values.size());

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

    private static void produceToPartitionZero(List<String> values) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "key", value)).get();
            }
        }
    }

    private static Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    /** The end offset of every partition of the results topic that holds records. */
    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC)
                    .partitions().stream()
                    .collect(Collectors.toMap(partition -> new TopicPartition(TOPIC, partition.partition()), partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .filter(entry -> entry.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));
    }

    private static String brokers() {
        return Objects.requireNonNull(System.getProperty("spring.embedded.kafka.brokers"), "the global embedded broker is not running");
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
