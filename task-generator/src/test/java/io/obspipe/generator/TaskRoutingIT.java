package io.obspipe.generator;

import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.Topics;
import io.obspipe.platform.config.PipelineConfigurationException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TASK_ROUTES on a real broker and S3Proxy: each object's task lands on the topic of its file type. */
@ExtendWith(OutputCaptureExtension.class)
class TaskRoutingIT {

    @TempDir
    static Path work;
    static S3ProxyServer s3;

    @BeforeAll
    static void startObjectStore() throws IOException {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        Path bucket = s3.bucketDir("routed");
        for (String key : List.of("in/sales.csv", "in/table.TSV", "in/records.json.gz", "in/events.ndjson", "in/app.log",
                "in/report.pdf", "in/README", "in/sales.csv.parsed.json")) {
            TaskGeneratorIT.write(bucket, key, "content of " + key);
        }
    }

    @AfterAll
    static void stopObjectStore() {
        if (s3 != null) {
            s3.close();
        }
    }

    static Map<String, String> settings(String defaultTopic) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "spring.kafka.bootstrap-servers", TopicReader.brokers(),
                "KAFKA_TOPIC_TASKS", defaultTopic,
                "KAFKA_TOPIC_PARTITIONS", "3",
                "OBS_SERVER", s3.endpoint(),
                "OBS_PATH_STYLE", "true",
                "OBS_AUTH_TYPE", "V2",
                "OBS_ACCESS_KEY", s3.accessKey(),
                "OBS_SECRET_KEY", s3.secretKey(),
                "GENERATOR_INCREMENTAL", "false"));
        settings.put("SOURCE_BUCKET", "routed");
        settings.put("FILE_PREFIX", "in/");
        return settings;
    }

    @Test
    void scanPublishesEachObjectToTheTopicOfItsFileTypeAndCountsPerTopic() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String defaultTopic = "tasks-" + run;
        String csv = "csv-" + run;
        String json = "json-" + run;
        String logs = "log-" + run;
        Map<String, String> settings = settings(defaultTopic);
        settings.put("TASK_ROUTES", "csv,tsv:" + csv + ";json,ndjson,jsonl:" + json + ";log,txt:" + logs);
        // incremental (the default), with a memory of its own
        settings.remove("GENERATOR_INCREMENTAL");
        settings.put("GENERATOR_STATE_TOPIC", "state-" + run);

        GeneratorRun.Finished finished = GeneratorRun.run(settings);

        assertThat(finished.exitCode()).isZero();
        assertThat(keysOn(csv)).containsExactlyInAnyOrder("in/sales.csv", "in/table.TSV");
        assertThat(keysOn(json)).containsExactlyInAnyOrder("in/records.json.gz", "in/events.ndjson");
        assertThat(keysOn(logs)).containsExactly("in/app.log");
        assertThat(keysOn(defaultTopic)).containsExactlyInAnyOrder("in/report.pdf", "in/README");
        assertThat(published(finished, csv)).isEqualTo(2);
        assertThat(published(finished, json)).isEqualTo(2);
        assertThat(published(finished, logs)).isEqualTo(1);
        assertThat(published(finished, defaultTopic)).isEqualTo(2);
        assertThat(finished.prometheus()).contains("topic=\"" + csv + "\"", "topic=\"" + json + "\"", "topic=\"" + logs + "\"");

        Map<String, TopicDescription> created = describe(List.of(csv, Topics.deadLetterOf(csv), json, Topics.deadLetterOf(json),
                logs, Topics.deadLetterOf(logs)));
        assertThat(created).hasSize(6).allSatisfy((name, topic) -> assertThat(topic.partitions()).as(name).hasSize(3));
    }

    @Test
    void withoutRoutesEverythingGoesToTheTasksTopic() {
        String defaultTopic = GeneratorRun.newTopic();

        assertThat(GeneratorRun.run(settings(defaultTopic)).exitCode()).isZero();

        assertThat(keysOn(defaultTopic)).hasSize(7);
    }

    @Test
    void aMalformedRouteStopsTheStartWithOneSentence(CapturedOutput output) {
        Map<String, String> settings = settings(GeneratorRun.newTopic());
        settings.put("TASK_ROUTES", "csv:csv-tasks;json json-tasks");

        assertThatThrownBy(() -> GeneratorRun.start(settings)).rootCause().isInstanceOf(PipelineConfigurationException.class);
        assertThat(output).contains("TASK_ROUTES entry 'json json-tasks' has no ':' between its suffixes and its topic");
    }

    static List<String> keysOn(String topic) {
        return TopicReader.readAll(topic).stream().map(ConsumerRecord::value).map(MessageCodec::decodeTask).map(FileTask::key).toList();
    }

    static double published(GeneratorRun.Finished finished, String topic) {
        return finished.meters().get("pipeline.generator.tasks.published").tag("topic", topic).counter().count();
    }

    static Map<String, TopicDescription> describe(List<String> topics) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.brokers()))) {
            return admin.describeTopics(topics).allTopicNames().get();
        }
    }
}
