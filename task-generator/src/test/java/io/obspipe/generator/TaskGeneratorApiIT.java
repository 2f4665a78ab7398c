package io.obspipe.generator;

import io.obspipe.generator.publish.PublishSummary;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The programmatic API (the seed's TaskGenerator example) in the real application context, against a real broker. */
class TaskGeneratorApiIT {

    static final String TOPIC = GeneratorRun.newTopic();
    static ConfigurableApplicationContext context;
    static TaskGenerator generator;

    @BeforeAll
    static void start() {
        context = GeneratorRun.start(Map.of(
                "spring.kafka.bootstrap-servers", TopicReader.brokers(),
                "KAFKA_TOPIC_TASKS", TOPIC,
                "DEST_BUCKET", "processed",
                "pipeline.generator.run-on-startup", "false"));
        generator = context.getBean(TaskGenerator.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            SpringApplication.exit(context);
        }
    }

    @Test
    void tasksFromKeysAreSentInBatchesAndAllArrive() {
        List<String> keys = IntStream.range(0, 120).mapToObj("data/file-%03d.csv"::formatted).toList();
        List<FileTask> tasks = generator.tasksFromKeys(keys, "my-bucket");

        PublishSummary summary = generator.send(tasks, 50);

        assertThat(summary).isEqualTo(new PublishSummary(120, 0, null, Map.of(TOPIC, 120L)));
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(TOPIC).stream()
                .filter(record -> record.key().startsWith("data/")).toList();
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys);
        List<FileTask> sent = records.stream().map(record -> MessageCodec.decodeTask(record.value())).toList();
        assertThat(sent).extracting(FileTask::bucket).containsOnly("my-bucket");
        assertThat(sent).extracting(FileTask::destBucket).containsOnly("processed");
        assertThat(sent).extracting(FileTask::taskId).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(sent).allSatisfy(task -> {
            assertThat(task.generatedAt()).isNotNull();
            assertThat(task.size()).isNull();
            assertThat(task.destKey()).isNull();
        });
    }

    @Test
    void anExplicitDestinationBucketWinsOverDestBucket() {
        List<FileTask> tasks = generator.tasksFromKeys(List.of("override/a.json"), "my-bucket", "elsewhere");

        assertThat(generator.send(tasks, 1).published()).isEqualTo(1);

        assertThat(TopicReader.readAll(TOPIC)).filteredOn(record -> record.key().equals("override/a.json"))
                .singleElement().satisfies(record ->
                        assertThat(MessageCodec.decodeTask(record.value()).destBucket()).isEqualTo("elsewhere"));
    }

    @Test
    void aBlankKeyOrBatchSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> generator.tasksFromKeys(List.of(" "), "my-bucket"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an object key must not be blank");
        assertThatThrownBy(() -> generator.send(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1, got 0");
    }
}
