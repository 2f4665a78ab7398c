package io.obspipe.worker;

import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.localstack.TopicProbe;
import io.obspipe.model.ErrorCode;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker app against a real Kafka broker and a real S3-protocol server, fed a poison mix: every
 * task, good or bad, ends as exactly one clear result (records that are not tasks also go to the
 * dead-letter topic); outputs land in the destination bucket; the group has no lag. Text in GBK (as Excel on
 * Chinese Windows saves CSV) or Latin-1 is read in its charset, recognised or set for its prefix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "pipeline.kafka.topics.tasks=worker-it-tasks",
        "pipeline.kafka.topics.results=worker-it-results",
        "spring.kafka.consumer.group-id=worker-it",
        "pipeline.worker.pool-size=3",
        "pipeline.worker.max-file-size=1MB",
        "pipeline.worker.max-decompressed-size=1MB",
        "pipeline.worker.transient-retries=1",
        "pipeline.worker.retry-backoff=100ms",
        "pipeline.worker.text.charset-by-prefix=legacy/:GB18030"})
class FileWorkerIT {

    static final WorkerTestStack STACK = new WorkerTestStack("worker-it");
    static final Path WORK = STACK.work;
    static final S3ProxyServer S3 = STACK.s3;
    static final String CHINESE_CSV = "客户,城市,金额\r\n张三,北京,100\r\n李四,上海,200\r\n王五,北京,300\r\n";

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        STACK.register(registry);
    }

    @BeforeAll
    static void seed() throws IOException {
        Path in = S3.bucketDir("input-files");
        S3.bucketDir("processed-files");
        S3.bucketDir("other-dest");
        Files.createDirectories(in.resolve("data"));
        Files.createDirectories(in.resolve("docs"));
        String csv = "region,amount\nnorth,10\nsouth,20\nnorth,30\n";
        Files.writeString(in.resolve("data/sales.csv"), csv);
        Files.write(in.resolve("data/sales.csv.gz"), gzip(csv));
        Files.writeString(in.resolve("data/records.json"), "[{\"a\":1},{\"a\":2}]");
        Files.writeString(in.resolve("data/broken.json"), "{\"a\": [1, 2");
        Files.writeString(in.resolve("data/legacy.txt"), "one two\nthree\n");
        Files.writeString(in.resolve("docs/report.pdf"), "%PDF-1.4 not really");
        Files.write(in.resolve("data/huge.csv"), new byte[2 * 1024 * 1024]);
        Files.write(in.resolve("data/empty.csv"), new byte[0]);
        Files.write(in.resolve("data/latin1.csv"), "name,city\nJos\u00e9,M\u00e1laga\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(in.resolve("data/gbk-orders.csv"), CHINESE_CSV.getBytes(Charset.forName("GBK")));
        Files.createDirectories(in.resolve("legacy"));
        Files.write(in.resolve("legacy/orders.csv"), CHINESE_CSV.getBytes(Charset.forName("GB18030")));
        byte[] binary = new byte[4096];
        new java.util.Random(5).nextBytes(binary);
        binary[0] = (byte) 0xff;
        binary[1] = 0;
        Files.write(in.resolve("data/photo.csv"), binary);
        byte[] truncated = gzip(csv);
        Files.write(in.resolve("data/truncated.csv.gz"), java.util.Arrays.copyOf(truncated, truncated.length / 2));
        Files.write(in.resolve("data/bomb.csv.gz"), gzip("a,b\n" + "0,0\n".repeat(1_000_000)));
    }

    @AfterAll
    static void stop() {
        STACK.close();
    }

    @LocalServerPort
    int port;

    @Test
    void readinessCoversBrokerObjectStoreAndConsumer() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"kafka\"", "\"objectStore\"", "\"taskConsumer\"");
        });
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyTaskEndsAsExactlyOneClearResult() throws Exception {
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        TopicProbe kafka = new TopicProbe(brokers);
        kafka.produce("worker-it-tasks", List.of(
                entry("data/sales.csv", task("data/sales.csv", "processed-files", "out/sales.json")),
                entry("data/sales.csv.gz", task("data/sales.csv.gz", "other-dest", "out/sales-gz.json")),
                entry("data/records.json", task("data/records.json", null, null)),
                entry("data/legacy.txt", "{\"key\":\"data/legacy.txt\"}"),
                entry("docs/report.pdf", task("docs/report.pdf", null, null)),
                entry("data/missing.csv", task("data/missing.csv", null, null)),
                entry("data/broken.json", task("data/broken.json", null, null)),
                entry("data/huge.csv", task("data/huge.csv", null, null)),
                entry("../etc/passwd.csv", task("../etc/passwd.csv", null, null)),
                entry("data/empty.csv", task("data/empty.csv", null, null)),
                entry("data/latin1.csv", task("data/latin1.csv", null, null)),
                entry("data/gbk-orders.csv", task("data/gbk-orders.csv", null, null)),
                entry("legacy/orders.csv", task("legacy/orders.csv", null, null)),
                entry("data/photo.csv", task("data/photo.csv", null, null)),
                entry("data/truncated.csv.gz", task("data/truncated.csv.gz", null, null)),
                entry("data/bomb.csv.gz", task("data/bomb.csv.gz", null, null)),
                entry("data/nowhere.csv", "{\"key\":\"data/nowhere.csv\",\"bucket\":\"no-such-bucket\"}"),
                entry("no-key", "{\"bucket\":\"input-files\",\"size\":3}"),
                entry("empty-message", ""),
                entry("garbage", "this is not json")));

        List<ConsumerRecord<String, String>> records = kafka.read("worker-it-results", 20, Duration.ofSeconds(60), Duration.ofSeconds(2));
        Map<String, ProcessingResult> byKey = records.stream()
                .map(r -> MessageCodec.decodeResult(r.value().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.toMap(r -> r.source().key(), Function.identity()));

        assertThat(records).hasSize(20);
        assertThat(byKey).hasSize(20);
        assertSuccess(byKey.get("data/sales.csv"), "processed-files", "out/sales.json", "csv");
        assertSuccess(byKey.get("data/sales.csv.gz"), "other-dest", "out/sales-gz.json", "csv");
        assertSuccess(byKey.get("data/records.json"), "processed-files", "data/records.json.parsed.json", "json");
        assertSuccess(byKey.get("data/legacy.txt"), "processed-files", "data/legacy.txt.parsed.json", "text");
        assertFailure(byKey.get("docs/report.pdf"), ErrorCode.UNSUPPORTED_FORMAT, "unsupported file format");
        assertFailure(byKey.get("data/missing.csv"), ErrorCode.OBJECT_NOT_FOUND, "object 'input-files/data/missing.csv' does not exist");
        assertFailure(byKey.get("data/broken.json"), ErrorCode.CORRUPT_CONTENT, "");
        assertFailure(byKey.get("data/huge.csv"), ErrorCode.TOO_LARGE, "larger than MAX_FILE_SIZE");
        assertFailure(byKey.get("../etc/passwd.csv"), ErrorCode.UNSAFE_KEY, "'..' path segment");
        assertFailure(byKey.get("garbage"), ErrorCode.INVALID_TASK, "task message is not valid JSON");
        assertFailure(byKey.get("empty-message"), ErrorCode.INVALID_TASK, "task message is empty");
        assertFailure(byKey.get("no-key"), ErrorCode.INVALID_TASK, "no 'key' field");
        assertFailure(byKey.get("data/empty.csv"), ErrorCode.CORRUPT_CONTENT, "is empty (0 bytes)");
        assertSuccess(byKey.get("data/latin1.csv"), "processed-files", "data/latin1.csv.parsed.json", "csv");
        assertSuccess(byKey.get("data/gbk-orders.csv"), "processed-files", "data/gbk-orders.csv.parsed.json", "csv");
        assertSuccess(byKey.get("legacy/orders.csv"), "processed-files", "legacy/orders.csv.parsed.json", "csv");
        assertFailure(byKey.get("data/photo.csv"), ErrorCode.CORRUPT_CONTENT, "data/photo.csv is binary, not text: it holds a NUL byte at byte offset 1");
        assertFailure(byKey.get("data/truncated.csv.gz"), ErrorCode.CORRUPT_CONTENT, "not valid gzip");
        assertFailure(byKey.get("data/bomb.csv.gz"), ErrorCode.TOO_LARGE, "exceeds the limit");
        assertFailure(byKey.get("data/nowhere.csv"), ErrorCode.BUCKET_NOT_FOUND, "bucket 'no-such-bucket' does not exist");
        assertThat(byKey.get("data/legacy.txt").taskId()).startsWith("worker-it-tasks-");
        assertThat(byKey.values()).allSatisfy(r -> assertThat(r.workerType()).isEqualTo(WorkerType.MULTI_PROCESS));

        JsonNode sales = readJson(S3.bucketDir("processed-files").resolve("out/sales.json"));
        JsonNode salesGz = readJson(S3.bucketDir("other-dest").resolve("out/sales-gz.json"));
        assertThat(sales.at("/summary/total_rows").asLong()).isEqualTo(3);
        assertThat(sales.at("/source/key").asString()).isEqualTo("data/sales.csv");
        assertThat(salesGz.at("/compressed").asBoolean()).isTrue();
        assertThat(salesGz.get("summary")).isEqualTo(sales.get("summary"));
        assertThat(sales.at("/charset").asString()).isEqualTo("UTF-8");
        JsonNode gbk = readJson(S3.bucketDir("processed-files").resolve("data/gbk-orders.csv.parsed.json"));
        assertThat(gbk.at("/charset").asString()).isEqualTo("GB18030");
        assertThat(gbk.at("/summary/columns")).extracting(JsonNode::asString).containsExactly("客户", "城市", "金额");
        assertThat(gbk.at("/summary/column_summary/城市/most_frequent").asString()).isEqualTo("北京");
        JsonNode prefixed = readJson(S3.bucketDir("processed-files").resolve("legacy/orders.csv.parsed.json"));
        assertThat(prefixed.at("/charset").asString()).isEqualTo("GB18030");
        assertThat(prefixed.get("summary")).isEqualTo(gbk.get("summary"));
        JsonNode latin1 = readJson(S3.bucketDir("processed-files").resolve("data/latin1.csv.parsed.json"));
        assertThat(latin1.at("/charset").asString()).isEqualTo("windows-1252");
        assertThat(latin1.at("/summary/column_summary/city/most_frequent").asString()).isEqualTo("M\u00e1laga");
        assertThat(byKey.get("data/sales.csv").fileInfo().outputSize())
                .isEqualTo(Files.size(S3.bucketDir("processed-files").resolve("out/sales.json")));

        List<ConsumerRecord<String, String>> deadLetters = kafka.read("worker-it-tasks-dlt", 3, Duration.ofSeconds(10), Duration.ofMillis(500));
        assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("garbage", "empty-message", "no-key");
        assertThat(deadLetters).filteredOn(record -> record.key().equals("garbage")).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("this is not json");
            assertThat(header(record, "x-error")).startsWith("task message is not valid JSON");
            assertThat(header(record, "x-error-code")).isEqualTo("invalid_task");
            assertThat(header(record, "x-original-topic")).isEqualTo("worker-it-tasks");
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kafka.lag("worker-it", "worker-it-tasks")).isZero());
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("pipeline_worker_tasks_total{application=\"file-worker\",error_code=\"unsupported_format\"",
                "pipeline_worker_dead_letters_total", "kafka_consumer_fetch_manager_records_lag");
        try (Stream<Path> uploads = Files.list(WORK.resolve("uploads")); Stream<Path> downloads = Files.list(WORK.resolve("downloads"))) {
            assertThat(uploads.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("sales"));
            assertThat(downloads.map(p -> p.getFileName().toString()))
                    .as("CLEANUP_ON_ERROR=false keeps a failed file's download for diagnosis").anyMatch(name -> name.endsWith("broken.json"));
        }
    }

    private static void assertSuccess(ProcessingResult result, String bucket, String key, String processor) {
        assertThat(result.status()).as(result.source().key() + ": " + result.error()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(result.destination().bucket()).isEqualTo(bucket);
        assertThat(result.destination().key()).isEqualTo(key);
        assertThat(result.processor()).isEqualTo(processor);
        assertThat(result.fileInfo().inputSize()).isPositive();
        assertThat(result.fileInfo().outputSize()).isPositive();
        assertThat(Files.exists(S3.bucketDir(bucket).resolve(key))).as("output object " + bucket + "/" + key).isTrue();
    }

    private static void assertFailure(ProcessingResult result, ErrorCode code, String errorPart) {
        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.errorCode()).as(result.error()).isEqualTo(code);
        assertThat(result.error()).contains(errorPart);
        assertThat(result.destination()).isNull();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String task(String key, String destBucket, String destKey) {
        StringBuilder json = new StringBuilder("{\"key\":\"" + key + "\",\"bucket\":\"input-files\"");
        if (destBucket != null) {
            json.append(",\"dest_bucket\":\"").append(destBucket).append('"');
        }
        if (destKey != null) {
            json.append(",\"dest_key\":\"").append(destKey).append('"');
        }
        return json.append(",\"generated_at\":\"2025-08-25T12:05:00Z\"}").toString();
    }

    private static JsonNode readJson(Path file) throws IOException {
        return MessageCodec.mapper().readTree(Files.readString(file));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
