package io.obspipe.generator;

import io.obspipe.localstack.Ports;
import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.platform.config.PipelineConfigurationException;
import io.obspipe.platform.storage.ObsObjectStore;
import io.obspipe.platform.storage.ObsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command-line modes, end to end: a real S3 server (S3Proxy) read through the OBS SDK and a real Kafka broker. */
@ExtendWith(OutputCaptureExtension.class)
class TaskGeneratorIT {

    static final int OBJECTS = 2_500;

    @TempDir
    static Path work;
    static S3ProxyServer s3;
    static List<String> scanKeys = new ArrayList<>();

    @BeforeAll
    static void startObjectStore() throws IOException {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        Path scan = s3.bucketDir("scan");
        for (int i = 0; i < OBJECTS; i++) {
            String key = (i < 2_000 ? "data/" : "data/nested/") + "file-%04d.csv".formatted(i);
            write(scan, key, "a,b\n1," + i + "\n");
            scanKeys.add(key);
        }
        Files.createDirectories(scan.resolve("data/empty-folder"));
        write(scan, "data/file-0001.csv.parsed.json", "{\"result\":true}");
        write(scan, "other/outside.csv", "not under the prefix");

        uploadThroughTheSdk("single", "urgent/data.csv", "id,value\n1,42\n");

        Path a = s3.bucketDir("batch-a");
        for (int i = 1; i <= 5; i++) {
            write(a, "csv/" + i + ".csv", "x\n" + i + "\n");
        }
        write(a, "logs/app.log", "not in a job");
        Path b = s3.bucketDir("batch-b");
        for (String name : List.of("a", "b", "c")) {
            write(b, "json/" + name + ".json", "{}");
        }
    }

    @AfterAll
    static void stopObjectStore() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Objects written as files have no stored ETag in S3Proxy; one uploaded over S3 has, as on OBS. */
    static void uploadThroughTheSdk(String bucket, String key, String content) throws IOException {
        Path file = Files.writeString(work.resolve("upload.tmp"), content);
        ObsProperties obs = new ObsProperties(s3.accessKey(), s3.secretKey(), s3.endpoint(), "local", true,
                ObsProperties.AuthType.V2, null, null, Duration.ofSeconds(2), Duration.ofSeconds(10), 4, 0);
        try (ObsObjectStore store = new ObsObjectStore(obs)) {
            store.createBucket(bucket);
            store.upload(bucket, key, file, "text/csv");
        }
    }

    static String md5Hex(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path bucket, String key, String content) throws IOException {
        Path file = bucket.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static Map<String, String> settings(String topic) {
        Map<String, String> settings = new HashMap<>();
        // the global embedded broker sets the system property spring.kafka.bootstrap-servers, which
        // outranks KAFKA_BOOTSTRAP_SERVERS in application.yml; a command-line argument outranks both
        settings.put("spring.kafka.bootstrap-servers", TopicReader.brokers());
        settings.put("KAFKA_TOPIC_TASKS", topic);
        settings.put("KAFKA_TOPIC_PARTITIONS", "3");
        settings.put("OBS_SERVER", s3.endpoint());
        settings.put("OBS_PATH_STYLE", "true");
        settings.put("OBS_AUTH_TYPE", "V2");
        settings.put("OBS_ACCESS_KEY", s3.accessKey());
        settings.put("OBS_SECRET_KEY", s3.secretKey());
        return settings;
    }

    static List<FileTask> tasks(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> MessageCodec.decodeTask(record.value())).toList();
    }

    @Test
    void scanPublishesOneTaskPerObjectUnderThePrefixAcrossListingPages(CapturedOutput output) {
        String topic = GeneratorRun.newTopic();
        Map<String, String> settings = settings(topic);
        settings.put("SOURCE_BUCKET", "scan");
        settings.put("FILE_PREFIX", "data/");
        settings.put("OBS_DEST_BUCKET", "processed");
        Instant before = Instant.now();

        GeneratorRun.Finished run = GeneratorRun.run(settings);

        assertThat(run.exitCode()).isZero();
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(topic);
        assertThat(records).hasSize(OBJECTS);
        assertThat(records).allSatisfy(record ->
                assertThat(record.key()).isEqualTo(MessageCodec.decodeTask(record.value()).key()));
        List<FileTask> tasks = tasks(records);
        assertThat(tasks).extracting(FileTask::key).containsExactlyInAnyOrderElementsOf(scanKeys);
        assertThat(tasks).extracting(FileTask::taskId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
        FileTask first = tasks.stream().filter(t -> t.key().equals("data/nested/file-2042.csv")).findFirst().orElseThrow();
        assertThat(first.bucket()).isEqualTo("scan");
        assertThat(first.destBucket()).isEqualTo("processed");
        assertThat(first.destKey()).isNull();
        assertThat(first.size()).isEqualTo("a,b\n1,2042\n".length());
        assertThat(first.lastModified()).isNotNull();
        assertThat(first.generatedAt()).isBetween(before, Instant.now());
        assertThat(records.get(0).value()).contains("\"generated_at\":\"20").doesNotContain("dest_key");

        assertThat(output).contains("scanned=2501 published=2500 skipped=1 failed=0");
        assertThat(run.counter("pipeline.generator.objects.listed")).isEqualTo(2501);
        assertThat(run.counter("pipeline.generator.objects.skipped")).isEqualTo(1);
        assertThat(run.counter("pipeline.generator.tasks.published")).isEqualTo(OBJECTS);
        assertThat(run.counter("pipeline.generator.tasks.failed")).isZero();
        assertThat(run.prometheus()).contains("pipeline_generator_objects_listed_total{", "pipeline_generator_tasks_published_total{",
                "pipeline_generator_tasks_failed_total{", "pipeline_generator_objects_skipped_total{",
                "pipeline_generator_listed_bytes_total{", "pipeline_generator_scan_seconds_count{");
    }

    @Test
    void maxFilesCapsTheNumberOfTasks(CapturedOutput output) {
        String topic = GeneratorRun.newTopic();
        Map<String, String> settings = settings(topic);
        settings.put("SOURCE_BUCKET", "scan");
        settings.put("FILE_PREFIX", "data/nested/");
        settings.put("MAX_FILES", "25");
        settings.put("GENERATOR_MAX_IN_FLIGHT", "4");

        assertThat(GeneratorRun.run(settings).exitCode()).isZero();

        assertThat(TopicReader.readAll(topic)).hasSize(25);
        assertThat(output).contains("scanned=25 published=25 skipped=0 failed=0");
    }

    @Test
    void singleFilePublishesOneTaskWithTheGivenDestination(CapturedOutput output) {
        String topic = GeneratorRun.newTopic();
        Map<String, String> settings = settings(topic);
        settings.put("SINGLE_FILE", "urgent/data.csv");
        settings.put("OBS_SOURCE_BUCKET", "single");
        settings.put("DEST_BUCKET", "results");
        settings.put("DEST_KEY", "processed/data.json");

        assertThat(GeneratorRun.run(settings).exitCode()).isZero();

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(topic);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("urgent/data.csv");
            FileTask task = MessageCodec.decodeTask(record.value());
            assertThat(task.bucket()).isEqualTo("single");
            assertThat(task.destBucket()).isEqualTo("results");
            assertThat(task.destKey()).isEqualTo("processed/data.json");
            assertThat(task.size()).isEqualTo("id,value\n1,42\n".length());
            assertThat(task.etag()).contains(md5Hex("id,value\n1,42\n"));
            assertThat(task.lastModified()).isNotNull();
        });
        assertThat(output).contains("task generation finished: status=success mode=single jobs=1 scanned=1 published=1 skipped=0 failed=0");
    }

    @Test
    void aMissingObjectInSingleModeFailsWithOneSentence(CapturedOutput output) {
        String topic = GeneratorRun.newTopic();
        Map<String, String> settings = settings(topic);
        settings.put("SINGLE_FILE", "urgent/missing.csv");
        settings.put("SOURCE_BUCKET", "single");

        assertThat(GeneratorRun.run(settings).exitCode()).isEqualTo(1);

        assertThat(output).contains("\"event\":\"task generation failed: object 'single/urgent/missing.csv' does not exist\"")
                .contains("scanned=0 published=0 skipped=0 failed=0")
                .doesNotContain("stack_trace");
        assertThat(TopicReader.readAll(topic)).isEmpty();
    }

    @Test
    void aMissingBucketFailsWithOneSentence(CapturedOutput output) {
        Map<String, String> settings = settings(GeneratorRun.newTopic());
        settings.put("SOURCE_BUCKET", "no-such-bucket");

        assertThat(GeneratorRun.run(settings).exitCode()).isEqualTo(1);

        assertThat(output).contains("\"event\":\"task generation failed: bucket 'no-such-bucket' does not exist\"")
                .doesNotContain("stack_trace");
    }

    @Test
    void wrongCredentialsFailWithOneSentenceThatDoesNotShowTheSecret(CapturedOutput output) {
        Map<String, String> settings = settings(GeneratorRun.newTopic());
        settings.put("SOURCE_BUCKET", "scan");
        settings.put("OBS_SECRET_KEY", "wrong-secret-value");

        assertThat(GeneratorRun.run(settings).exitCode()).isEqualTo(1);

        assertThat(output).contains("\"event\":\"task generation failed: access to bucket 'scan' was denied")
                .contains("check OBS_ACCESS_KEY / OBS_SECRET_KEY")
                .doesNotContain("wrong-secret-value");
    }

    @Test
    void aBatchJobsFileRunsEachJobInOrder(CapturedOutput output) throws IOException {
        String topic = GeneratorRun.newTopic();
        Path jobs = Files.writeString(work.resolve("jobs.yml"), """
                jobs:
                  - name: csv
                    bucket: batch-a
                    prefix: csv/
                    dest_bucket: out-a
                  - name: json
                    bucket: batch-b
                    prefix: json/
                    max_files: 2
                """);
        Map<String, String> settings = settings(topic);
        settings.put("BATCH_JOBS_FILE", jobs.toString());
        settings.put("DEST_BUCKET", "out-default");

        assertThat(GeneratorRun.run(settings).exitCode()).isZero();

        List<FileTask> tasks = tasks(TopicReader.readAll(topic));
        assertThat(tasks).filteredOn(t -> t.bucket().equals("batch-a")).extracting(FileTask::key)
                .containsExactlyInAnyOrder("csv/1.csv", "csv/2.csv", "csv/3.csv", "csv/4.csv", "csv/5.csv");
        assertThat(tasks).filteredOn(t -> t.bucket().equals("batch-a")).extracting(FileTask::destBucket).containsOnly("out-a");
        assertThat(tasks).filteredOn(t -> t.bucket().equals("batch-b")).hasSize(2)
                .extracting(FileTask::destBucket).containsOnly("out-default");
        assertThat(tasks).hasSize(7);
        assertThat(output).contains("job 'csv' finished: scanned=5 published=5 skipped=0 failed=0")
                .contains("job 'json' finished: scanned=2 published=2 skipped=0 failed=0")
                .contains("task generation finished: status=success mode=batch jobs=2 scanned=7 published=7 skipped=0 failed=0");
        assertThat(output.toString().indexOf("job 'csv' finished")).isLessThan(output.toString().indexOf("job 'json' finished"));
    }

    @Test
    void aBatchJobWithAMissingBucketFailsTheRunButNotTheJobsAfterIt(CapturedOutput output) throws IOException {
        String topic = GeneratorRun.newTopic();
        Path jobs = Files.writeString(work.resolve("jobs-with-typo.yml"), """
                - name: typo
                  bucket: batch-typo
                - name: json
                  bucket: batch-b
                """);
        Map<String, String> settings = settings(topic);
        settings.put("BATCH_JOBS_FILE", jobs.toString());

        assertThat(GeneratorRun.run(settings).exitCode()).isEqualTo(1);

        assertThat(TopicReader.readAll(topic)).hasSize(3);
        assertThat(output).contains("\"event\":\"job 'typo' failed: bucket 'batch-typo' does not exist\"")
                .contains("task generation finished: status=failed mode=batch jobs=2 scanned=3 published=3 skipped=0 failed=0");
    }

    @Test
    void aBrokerThatDoesNotAcknowledgeFailsTheRunWithOneSentence(CapturedOutput output) {
        Map<String, String> settings = settings("tasks-unreachable");
        String unreachable = "127.0.0.1:" + Ports.freePort();
        settings.put("spring.kafka.bootstrap-servers", unreachable);
        settings.put("KAFKA_CREATE_TOPICS", "false");
        settings.put("GENERATOR_INCREMENTAL", "false");
        settings.put("spring.kafka.producer.properties.max.block.ms", "1000");
        settings.put("SOURCE_BUCKET", "scan");

        GeneratorRun.Finished run = GeneratorRun.run(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.counter("pipeline.generator.tasks.failed")).isEqualTo(1);
        assertThat(output).contains("\"event\":\"task generation failed: 1 task(s) were not accepted by Kafka (topic 'tasks-unreachable');"
                        + " first error: Kafka at " + unreachable + " (KAFKA_BOOTSTRAP_SERVERS) did not acknowledge the task for 'data/file-0000.csv'"
                        + " on topic 'tasks-unreachable' in time: ")
                .contains("published=0 skipped=0 failed=1")
                .doesNotContain("stack_trace");
    }

    @Test
    void contradictorySettingsStopTheStartWithOneSentence(CapturedOutput output) {
        Map<String, String> settings = settings(GeneratorRun.newTopic());
        settings.put("SOURCE_BUCKET", "scan");
        settings.put("SINGLE_FILE", "urgent/data.csv");
        settings.put("BATCH_JOBS_FILE", "jobs.yml");

        assertThatThrownBy(() -> GeneratorRun.start(settings))
                .rootCause().isInstanceOf(PipelineConfigurationException.class);
        assertThat(output).contains("SINGLE_FILE and BATCH_JOBS_FILE are both set");
    }
}
