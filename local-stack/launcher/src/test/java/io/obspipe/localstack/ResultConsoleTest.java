package io.obspipe.localstack;

import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileInfo;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultConsoleTest {

    private static final String TOPIC = "file-processing-results";
    private static final byte[] KEY = "same-partition".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path workDir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(workDir);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            KafkaTopics.create(admin, List.of(new NewTopic(TOPIC, 6, (short) 1)), Duration.ofMinutes(2));
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void printsCommittedResultsPublishedAfterItStartedAndCountsThem() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer()) {
            publish(producer, true, success("samples/earlier-run.csv"));

            try (ResultConsole console = ResultConsole.start(broker.bootstrapServers(), TOPIC,
                    new PrintStream(printed, true, StandardCharsets.UTF_8))) {
                publish(producer, false, success("samples/rolled-back.csv"));
                publish(producer, true, "{not json".getBytes(StandardCharsets.UTF_8), success("samples/sales.csv"), failure("samples/report.pdf"));

                assertThat(console.awaitResults(2, Duration.ofSeconds(20))).isTrue();
                assertThat(console.succeeded()).isEqualTo(1);
                assertThat(console.failed()).isEqualTo(1);
                assertThat(console.lastResultNanos()).isPositive();
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("samples/sales.csv", "samples/report.pdf", "? unreadable result event")
                .doesNotContain("earlier-run", "rolled-back");
    }

    @Test
    void describesASuccessAndAFailureOnOneLineEach() {
        assertThat(ResultConsole.describe(MessageCodec.decodeResult(success("samples/sales.csv"))))
                .isEqualTo("  ✔ success  samples/sales.csv  → processed-files/samples/sales.csv.parsed.json  (2.1 KB → 1.3 KB, 0.05 s)");
        assertThat(ResultConsole.describe(MessageCodec.decodeResult(failure("samples/report.pdf"))))
                .isEqualTo("  ✘ failed   samples/report.pdf  unsupported format: .pdf");
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer() {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "result-console-test"),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer, boolean commit, byte[]... values) {
        producer.beginTransaction();
        for (byte[] value : values) {
            // one key, one partition: the console sees them in this order
            producer.send(new ProducerRecord<>(TOPIC, KEY, value));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static byte[] success(String key) {
        return MessageCodec.encode(new ProcessingResult(Instant.now(), WorkerType.MULTI_PROCESS, ResultStatus.SUCCESS,
                new ObjectLocation("input-files", key), new ObjectLocation("processed-files", key + ".parsed.json"),
                FileInfo.of(2150, 1331), null, null, "task-1", 0.05, "worker-1", "csv", Instant.now()));
    }

    private static byte[] failure(String key) {
        return MessageCodec.encode(new ProcessingResult(Instant.now(), WorkerType.MULTI_PROCESS, ResultStatus.FAILED,
                new ObjectLocation("input-files", key), null, null, "unsupported format: .pdf", ErrorCode.UNSUPPORTED_FORMAT,
                "task-2", 0.01, "worker-1", null, Instant.now()));
    }
}
