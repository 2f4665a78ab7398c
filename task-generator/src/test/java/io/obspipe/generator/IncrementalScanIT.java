package io.obspipe.generator;

import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.platform.storage.ObsObjectStore;
import io.obspipe.platform.storage.ObsProperties;
import io.obspipe.generator.plan.GeneratorProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental scans on a real broker and S3Proxy through the OBS SDK: a task per object version (key, ETag)
 * that never had one, remembered in the state topic across runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncrementalScanIT {

    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    static Path work;
    static S3ProxyServer s3;
    static ObsObjectStore store;

    @BeforeAll
    static void startObjectStore() {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        store = new ObsObjectStore(new ObsProperties(s3.accessKey(), s3.secretKey(), s3.endpoint(), "local", true,
                ObsProperties.AuthType.V2, null, null, Duration.ofSeconds(2), Duration.ofSeconds(10), 4, 0));
    }

    @AfterAll
    static void stopObjectStore() throws IOException {
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static String newBucket() {
        String bucket = "incr-" + UUID.randomUUID().toString().substring(0, 8);
        store.createBucket(bucket);
        return bucket;
    }

    static void upload(String bucket, String key, String content) {
        try {
            Path file = Files.writeString(Files.createTempFile(work, "upload", ".tmp"), content);
            store.upload(bucket, key, file, "text/plain");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> settings(String topic, String bucket) {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.kafka.bootstrap-servers", TopicReader.brokers());
        settings.put("KAFKA_TOPIC_TASKS", topic);
        settings.put("KAFKA_TOPIC_PARTITIONS", "3");
        settings.put("OBS_PATH_STYLE", "true");
        settings.put("OBS_AUTH_TYPE", "V2");
        settings.put("OBS_SERVER", s3.endpoint());
        settings.put("OBS_ACCESS_KEY", s3.accessKey());
        settings.put("OBS_SECRET_KEY", s3.secretKey());
        settings.put("SOURCE_BUCKET", bucket);
        return settings;
    }

    static List<FileTask> tasks(String topic) {
        return TopicReader.readAll(topic).stream().map(ConsumerRecord::value).map(MessageCodec::decodeTask).toList();
    }

    static Map<String, Long> perKey(List<FileTask> tasks) {
        return tasks.stream().collect(Collectors.groupingBy(FileTask::key, Collectors.counting()));
    }

    static String lastSummary(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.contains("task generation finished"))
                .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void aSecondRunPublishesOnlyNewAndOverwrittenObjects(CapturedOutput output) {
        String bucket = newBucket();
        for (int i = 0; i < 30; i++) {
            upload(bucket, "in/file-%02d.csv".formatted(i), "a\n" + i + "\n");
        }
        String topic = GeneratorRun.newTopic();

        assertThat(GeneratorRun.run(settings(topic, bucket)).exitCode()).isZero();
        assertThat(tasks(topic)).hasSize(30);
        assertThat(lastSummary(output)).contains("scanned=30 published=30 skipped=0 failed=0 new=30 changed=0 unchanged=0");

        GeneratorRun.Finished again = GeneratorRun.run(settings(topic, bucket));
        assertThat(again.exitCode()).isZero();
        assertThat(tasks(topic)).as("tasks after an unchanged rescan").hasSize(30);
        assertThat(lastSummary(output)).contains("scanned=30 published=0 skipped=0 failed=0 new=0 changed=0 unchanged=30");
        assertThat(again.counter("pipeline.generator.objects.unchanged")).isEqualTo(30);

        for (int i = 30; i < 40; i++) {
            upload(bucket, "in/file-%02d.csv".formatted(i), "a\n" + i + "\n");
        }
        upload(bucket, "in/file-07.csv", "a\nseven, overwritten\n");
        assertThat(GeneratorRun.run(settings(topic, bucket)).exitCode()).isZero();

        List<FileTask> all = tasks(topic);
        assertThat(all).hasSize(41);
        assertThat(perKey(all)).hasSize(40).allSatisfy((key, count) ->
                assertThat(count).as(key).isEqualTo(key.equals("in/file-07.csv") ? 2 : 1));
        assertThat(all).filteredOn(task -> task.key().equals("in/file-07.csv")).extracting(FileTask::etag)
                .containsExactlyInAnyOrder(TaskGeneratorIT.md5Hex("a\n7\n"), TaskGeneratorIT.md5Hex("a\nseven, overwritten\n"));
        assertThat(lastSummary(output)).contains("scanned=40 published=11 skipped=0 failed=0 new=10 changed=1 unchanged=29");
    }

    @Test
    void reprocessPublishesEverythingOnceMoreAndThenRemembersIt(CapturedOutput output) {
        String bucket = newBucket();
        for (int i = 0; i < 5; i++) {
            upload(bucket, "r/" + i + ".json", "{}");
        }
        String topic = GeneratorRun.newTopic();
        GeneratorRun.run(settings(topic, bucket));
        Map<String, String> reprocess = settings(topic, bucket);
        reprocess.put("GENERATOR_REPROCESS", "true");

        assertThat(GeneratorRun.run(reprocess).exitCode()).isZero();
        assertThat(lastSummary(output)).contains("published=5").contains("unchanged=5");
        assertThat(GeneratorRun.run(settings(topic, bucket)).exitCode()).isZero();

        assertThat(tasks(topic)).hasSize(10);
        assertThat(lastSummary(output)).contains("published=0");
    }

    @Test
    void maxFilesLeavesTheRestForTheNextRun(CapturedOutput output) {
        String bucket = newBucket();
        for (int i = 0; i < 12; i++) {
            upload(bucket, "m/%02d.txt".formatted(i), "line " + i);
        }
        String topic = GeneratorRun.newTopic();
        Map<String, String> capped = settings(topic, bucket);
        capped.put("MAX_FILES", "5");

        assertThat(GeneratorRun.run(capped).exitCode()).isZero();
        assertThat(tasks(topic)).hasSize(5);
        assertThat(GeneratorRun.run(settings(topic, bucket)).exitCode()).isZero();
        assertThat(GeneratorRun.run(settings(topic, bucket)).exitCode()).isZero();

        assertThat(perKey(tasks(topic))).hasSize(12).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    }

    @Test
    void parallelRangesTaskEveryObjectExactlyOnce(CapturedOutput output) {
        String bucket = newBucket();
        for (String folder : List.of("2024-01/", "2024-02/", "2024-03/", "2024-04/", "2024-05/")) {
            for (int i = 0; i < 7; i++) {
                upload(bucket, "p/" + folder + i + ".log", folder + i);
            }
        }
        upload(bucket, "p/top-level.csv", "x");
        String topic = GeneratorRun.newTopic();
        Map<String, String> parallel = settings(topic, bucket);
        parallel.put("FILE_PREFIX", "p/");
        parallel.put("GENERATOR_LIST_PARALLELISM", "3");

        assertThat(GeneratorRun.run(parallel).exitCode()).isZero();
        assertThat(perKey(tasks(topic))).hasSize(36).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));

        upload(bucket, "p/2024-02/new.log", "new");
        upload(bucket, "p/2024-05/new.log", "new");
        upload(bucket, "p/2024-01/3.log", "changed");
        assertThat(GeneratorRun.run(parallel).exitCode()).isZero();

        Map<String, Long> afterChanges = perKey(tasks(topic));
        assertThat(afterChanges).hasSize(38).allSatisfy((key, count) ->
                assertThat(count).as(key).isEqualTo(key.equals("p/2024-01/3.log") ? 2 : 1));
        assertThat(afterChanges).containsKeys("p/2024-02/new.log", "p/2024-05/new.log");
        assertThat(lastSummary(output)).contains("new=2 changed=1 unchanged=35");
    }

    @Test
    void singleFileModeAlwaysPublishes() {
        String bucket = newBucket();
        upload(bucket, "one.csv", "a\n1\n");
        String topic = GeneratorRun.newTopic();
        Map<String, String> single = settings(topic, bucket);
        single.put("SINGLE_FILE", "one.csv");

        GeneratorRun.run(single);
        GeneratorRun.run(single);

        assertThat(tasks(topic)).hasSize(2);
    }

    @Test
    void aStateRecordThatIsGarbageOrFromANewerVersionStopsTheRunWithOneSentenceNamingTheTopic(CapturedOutput output) {
        String bucket = newBucket();
        for (int i = 0; i < 3; i++) {
            upload(bucket, "g/" + i + ".csv", "a\n" + i + "\n");
        }
        String topic = GeneratorRun.newTopic();
        String stateTopic = "state-" + UUID.randomUUID();
        Map<String, String> settings = settings(topic, bucket);
        settings.put("GENERATOR_STATE_TOPIC", stateTopic);
        settings.put("FILE_PREFIX", "g/");
        assertThat(GeneratorRun.run(settings).exitCode()).isZero();

        String head = jobId(bucket, "g/") + "/head";
        writeStateRecord(stateTopic, head, "this is not a state record");
        assertThat(GeneratorRun.run(settings).exitCode()).isEqualTo(1);
        assertThat(output).contains("task generation failed: the record '" + head + "' at offset")
                .contains("of state topic '" + stateTopic + "' is not a state record of this generator");

        writeStateRecord(stateTopic, head, "{\"format\":2,\"bucket\":\"" + bucket + "\",\"prefix\":\"g/\"}");
        assertThat(GeneratorRun.run(settings).exitCode()).isEqualTo(1);
        assertThat(output).contains("of state topic '" + stateTopic + "' was written by a newer version of the generator (format 2)");
        assertThat(tasks(topic)).as("no silent full re-publish").hasSize(3);
    }

    @Test
    void aContinuousJobKeepsItsKafkaClientsFromOneScanToTheNextAndClosesThemWhenTheAppStops(CapturedOutput output) {
        String bucket = newBucket();
        for (String folder : List.of("a/", "b/")) {
            for (int i = 0; i < 10; i++) {
                upload(bucket, "k/" + folder + i + ".csv", "a\n" + i + "\n");
            }
        }
        String topic = GeneratorRun.newTopic();
        Map<String, String> settings = continuous(topic, bucket, "k/", "1ms");
        settings.put("GENERATOR_LIST_PARALLELISM", "2");
        String job = jobId(bucket, "k/");
        List<ObjectName> clients = List.of(appInfo("producer", job + "-0"), appInfo("producer", job + "-1"),
                appInfo("consumer", job + "-state"), appInfo("consumer", job + "-0-manifest"), appInfo("consumer", job + "-1-manifest"));

        ConfigurableApplicationContext generator = GeneratorRun.start(settings);
        Map<ObjectName, Object> afterSecondScan;
        Map<ObjectName, Object> later;
        try {
            // the first scan reads no manifest, so the manifest consumers exist from the second on
            awaitSummaries(output, 2);
            afterSecondScan = startTimes(clients);
            int measuredFrom = awaitSummaries(output, 5);
            long cpuBefore = processCpuNanos();
            int measuredTo = awaitSummaries(output, measuredFrom + 20);
            printScanFigures(summaries(output).subList(measuredFrom, measuredTo), processCpuNanos() - cpuBefore);
            later = startTimes(clients);
        } finally {
            SpringApplication.exit(generator);
        }

        assertThat(afterSecondScan).as("clients after the second scan").doesNotContainValue(null);
        assertThat(later).as("the same client instances scans later").isEqualTo(afterSecondScan);
        assertThat(clients).as("clients left registered after the app stopped").noneMatch(MBEANS::isRegistered);
        assertThat(perKey(tasks(topic))).hasSize(20).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    }

    @Test
    void aFencedProducerIsReplacedAndTheScanAfterItTasksWhatIsNew(CapturedOutput output) {
        String bucket = newBucket();
        for (int i = 0; i < 3; i++) {
            upload(bucket, "f/" + i + ".csv", "a\n" + i + "\n");
        }
        String topic = GeneratorRun.newTopic();
        String job = jobId(bucket, "f/");
        ObjectName producer = appInfo("producer", job + "-0");

        ConfigurableApplicationContext generator = GeneratorRun.start(continuous(topic, bucket, "f/", "200ms"));
        Object fenced;
        Object replacement;
        try {
            int scans = awaitSummaries(output, 1);
            fenced = startTimes(List.of(producer)).get(producer);
            fence("task-generator-" + GeneratorProperties.DEFAULT_STATE_TOPIC + "-" + job + "-0");
            int failedAt = awaitSummary(output, scans, summary -> summary.contains("status=failed"));
            upload(bucket, "f/new.csv", "a\nnew\n");
            awaitSummary(output, failedAt, summary -> summary.contains("status=success") && summary.contains("new=1"));
            replacement = startTimes(List.of(producer)).get(producer);
        } finally {
            SpringApplication.exit(generator);
        }

        assertThat(output).contains("another task-generator took over this job");
        assertThat(fenced).isNotNull();
        assertThat(replacement).isNotNull().isNotEqualTo(fenced);
        assertThat(perKey(tasks(topic))).hasSize(4).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    }

    static Map<String, String> continuous(String topic, String bucket, String prefix, String interval) {
        Map<String, String> settings = settings(topic, bucket);
        settings.put("FILE_PREFIX", prefix);
        settings.put("GENERATOR_SCAN_INTERVAL", interval);
        settings.put("SERVER_PORT", "0");
        return settings;
    }

    /** Kafka registers every client under its client id ({@code task-generator-<job id>-<role>}), with the time the instance was created. */
    static ObjectName appInfo(String type, String clientId) {
        try {
            return new ObjectName("kafka." + type + ":type=app-info,id=task-generator-" + clientId);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Each client's creation time, null for a client that does not exist. */
    static Map<ObjectName, Object> startTimes(List<ObjectName> clients) {
        Map<ObjectName, Object> times = new HashMap<>();
        for (ObjectName client : clients) {
            try {
                times.put(client, MBEANS.getAttribute(client, "StartTimeMs"));
            } catch (JMException e) {
                times.put(client, null);
            }
        }
        return times;
    }

    static List<String> summaries(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.contains("task generation finished")).toList();
    }

    /** Waits until at least {@code count} scans have finished; returns how many have. */
    static int awaitSummaries(CapturedOutput output, int count) {
        return awaitSummary(output, count - 1, summary -> true);
    }

    /** Waits for a scan after the first {@code after} that {@code matches}; returns how many scans have finished. */
    static int awaitSummary(CapturedOutput output, int after, Predicate<String> matches) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> summaries = summaries(output);
            if (summaries.size() > after && summaries.subList(after, summaries.size()).stream().anyMatch(matches)) {
                return summaries.size();
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new AssertionError("no such scan within 60 s; scans: " + summaries(output));
    }

    static void fence(String transactionalId) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.brokers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Time and CPU per scan, for the record only (the CPU is this JVM's: generator, embedded broker, S3Proxy). */
    static void printScanFigures(List<String> measured, long cpuNanos) {
        long[] millis = measured.stream().map(summary -> summary.replaceAll(".* duration_ms=(\\d+).*", "$1"))
                .mapToLong(Long::parseLong).sorted().toArray();
        System.out.printf("continuous rescans, nothing new: %d scans, median %d ms, mean %.1f ms, %.1f ms process CPU per scan%n",
                millis.length, millis[millis.length / 2], LongStream.of(millis).average().orElse(0),
                cpuNanos / 1e6 / millis.length);
    }

    /** The job's id as the state topic's keys carry it: the first 8 bytes of SHA-256 over bucket, newline, prefix. */
    static String jobId(String bucket, String prefix) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((bucket + "\n" + prefix).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeStateRecord(String stateTopic, String key, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.brokers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(stateTopic, 0, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
