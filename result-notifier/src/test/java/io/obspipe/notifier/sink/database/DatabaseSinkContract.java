package io.obspipe.notifier.sink.database;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.ResultsTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.obspipe.notifier.support.ResultsTopic.finishedAt;
import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the processing-log sink must do on every database it supports, checked through the real app:
 * results from the topic become rows of the Python system's {@code processing_log} table (once per task id), a poll's
 * rows written as one batch, {@code GET /api/results} finds them, Flyway made the schema, and results of aborted
 * transactions never get in (read_committed); a refused row is given up on alone, and rows not written while the table
 * is gone are written once it is back, each once, the offsets committed only then.
 * A subclass names the database and the topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_TOPIC_PARTITIONS=2",
        "NOTIFIER_SINKS_LIVE_ENABLED=false",
        "NOTIFIER_SINKS_LOG_ENABLED=false",
        "NOTIFIER_DB_RETRY_BACKOFF=200ms",
        "NOTIFIER_DB_RETRY_MAX_BACKOFF=1s"})
@DirtiesContext
abstract class DatabaseSinkContract {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    abstract String topicName();

    private ResultsTopic topic() {
        return new ResultsTopic(topicName());
    }

    @Test
    void everyResultBecomesOneRowOfTheProcessingLogEvenWhenDeliveredTwice() {
        Instant finished = Instant.parse("2025-08-25T12:30:00.123Z");
        ProcessingResult success = finishedAt(result(run + "-ok", ResultStatus.SUCCESS, run + "/ok.csv"), finished);
        ProcessingResult failure = finishedAt(result(run + "-bad", ResultStatus.FAILED, run + "/bad.csv"), finished.plusSeconds(1));

        topic().sendTo(0, success, failure, success);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed(0)).isEqualTo(topic().endOffsets().get(partition(0))));
        assertThat(rowsOf(run)).as("the second delivery of the same task is recognised").isEqualTo(2);

        // the seed's own query of its table
        List<Map<String, Object>> seedRows = jdbc.sql("SELECT file_key, status, error, timestamp FROM processing_log WHERE file_key LIKE ? ORDER BY timestamp")
                .param(run + "/%").query().listOfRows();
        assertThat(seedRows).extracting(row -> row.get(key(row, "file_key"))).containsExactly(run + "/ok.csv", run + "/bad.csv");
        assertThat(seedRows).extracting(row -> row.get(key(row, "status"))).containsExactly("success", "failed");
        assertThat(seedRows).extracting(row -> row.get(key(row, "error"))).containsExactly(null, "文件格式不支持");

        Map<String, Object> row = jdbc.sql("SELECT * FROM processing_log WHERE task_id = ?").param(run + "-ok").query().singleRow();
        assertThat(row.get(key(row, "bucket"))).isEqualTo("input-bucket");
        assertThat(row.get(key(row, "dest_bucket"))).isEqualTo("output-bucket");
        assertThat(row.get(key(row, "dest_key"))).isEqualTo(run + "/ok.csv.parsed.json");
        assertThat(((Number) row.get(key(row, "input_size"))).longValue()).isEqualTo(1024);
        assertThat(((Number) row.get(key(row, "output_size"))).longValue()).isEqualTo(2048);
        assertThat(((Number) row.get(key(row, "processing_time"))).doubleValue()).isEqualTo(0.25);
        assertThat(row.get(key(row, "worker_id"))).isEqualTo("worker-a");
        assertThat(row.get(key(row, "worker_type"))).isEqualTo("multi_process");
        assertThat(row.get(key(row, "processor"))).isEqualTo("csv");
        Instant stored = jdbc.sql("SELECT timestamp FROM processing_log WHERE task_id = ?").param(run + "-ok")
                .query(OffsetDateTime.class).single().toInstant();
        assertThat(stored).isEqualTo(finished.truncatedTo(ChronoUnit.MICROS));
        assertThat(jdbc.sql("SELECT error_code FROM processing_log WHERE task_id = ?").param(run + "-bad").query(String.class).single())
                .isEqualTo("corrupt_content");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1' AND \"success\" = TRUE").query(Integer.class).single())
                .as("Flyway applied the migration").isEqualTo(1);
    }

    @Test
    void aPollIsWrittenAsOneBatchAndResultsDeliveredAgainInALaterBatchAreRecognised() {
        int results = 200;
        double attemptsBefore = attempts();
        double deadLettersBefore = deadLetters();
        topic().sendTo(0, IntStream.range(0, results).mapToObj(i -> numbered("batch", i)).toArray(ProcessingResult[]::new));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rowsOf(run + "/batch")).isEqualTo(results));
        assertThat(attempts() - attemptsBefore).as("fewer writes than rows: a poll is one batch").isLessThan(results / 2.0);

        // a later poll with results of the first among new ones (a redelivery after a restart looks the same)
        topic().sendTo(0, numbered("batch", 3), numbered("batch", results), numbered("batch", 7), numbered("batch", results + 1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed(0)).isEqualTo(topic().endOffsets().get(partition(0))));
        assertThat(rowsOf(run + "/batch")).isEqualTo(results + 2);
        assertThat(deadLetters() - deadLettersBefore).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesIsGivenUpOnAloneAndTheRestOfItsPollIsWritten() {
        double deadLettersBefore = deadLetters();
        ProcessingResult ok = numbered("refused", 1);
        ProcessingResult tooLong = new ProcessingResult(ok.timestamp(), ok.workerType(), ok.status(), ok.source(), ok.destination(),
                ok.fileInfo(), null, null, run + "-too-long", 0.25, "w".repeat(300), "csv", null);

        topic().sendTo(0, numbered("refused", 0), tooLong, ok, numbered("refused", 2));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed(0)).isEqualTo(topic().endOffsets().get(partition(0))));
        assertThat(rowsOf(run + "/refused")).as("every row but the refused one").isEqualTo(3);
        assertThat(deadLetters() - deadLettersBefore).isEqualTo(1);
    }

    /** The table renamed stands for a database that cannot write: a failure that is not a refusal, retried. */
    @Test
    void rowsNotWrittenWhileTheTableIsGoneAreWrittenOnceWhenItIsBackAndOnlyThenCommitted() {
        long end = topic().endOffsets().get(partition(0));
        double failuresBefore = failures();
        double deadLettersBefore = deadLetters();
        jdbc.sql("ALTER TABLE processing_log RENAME TO processing_log_away").update();
        try {
            topic().sendTo(0, IntStream.range(0, 20).mapToObj(i -> numbered("outage", i)).toArray(ProcessingResult[]::new));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(failures() - failuresBefore).as("retried").isGreaterThanOrEqualTo(40));
            assertThat(Objects.requireNonNullElse(committed(0), 0L)).as("nothing unwritten is committed").isLessThanOrEqualTo(end);
        } finally {
            jdbc.sql("ALTER TABLE processing_log_away RENAME TO processing_log").update();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed(0)).isEqualTo(topic().endOffsets().get(partition(0))));
        assertThat(rowsOf(run + "/outage")).isEqualTo(20);
        assertThat(deadLetters() - deadLettersBefore).isZero();
    }

    @Test
    void theQueryApiFiltersByStatusPrefixAndTimeAndListsTheNewestFirst() {
        Instant base = Instant.parse("2025-09-01T08:00:00Z");
        topic().sendTo(0,
                finishedAt(result(run + "-1", ResultStatus.SUCCESS, run + "/a_1.csv"), base),
                finishedAt(result(run + "-2", ResultStatus.FAILED, run + "/a_2.csv"), base.plusSeconds(10)),
                finishedAt(result(run + "-3", ResultStatus.FAILED, run + "/ab3.csv"), base.plusSeconds(20)),
                finishedAt(result(run + "-4", ResultStatus.SUCCESS, run + "/a_4.csv"), base.plusSeconds(30)),
                finishedAt(result(run + "-5", ResultStatus.FAILED, run + "/a%5.csv"), base.plusSeconds(40)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rowsOf(run)).isEqualTo(5));

        assertThat(taskIds("?prefix=" + run + "/")).containsExactly(run + "-5", run + "-4", run + "-3", run + "-2", run + "-1");
        assertThat(taskIds("?prefix=" + run + "/a_")).as("_ is literal, not a wildcard").containsExactly(run + "-4", run + "-2", run + "-1");
        assertThat(taskIds("?prefix=" + run + "/a%25")).as("%% is literal").containsExactly(run + "-5");
        assertThat(taskIds("?status=failed&prefix=" + run + "/")).containsExactly(run + "-5", run + "-3", run + "-2");
        assertThat(taskIds("?since=2025-09-01T08:00:20Z&prefix=" + run + "/")).containsExactly(run + "-5", run + "-4", run + "-3");
        assertThat(taskIds("?limit=2&prefix=" + run + "/")).containsExactly(run + "-5", run + "-4");

        JsonNode newest = get("?limit=1&prefix=" + run + "/").get(0);
        assertThat(newest.get("file_key").asString()).isEqualTo(run + "/a%5.csv");
        assertThat(newest.get("status").asString()).isEqualTo("failed");
        assertThat(newest.get("error").asString()).isEqualTo("文件格式不支持");
        assertThat(newest.get("error_code").asString()).isEqualTo("corrupt_content");
        assertThat(newest.get("input_size").asLong()).isEqualTo(1024);
        assertThat(newest.get("timestamp").asString()).isEqualTo("2025-09-01T08:00:40Z");

        assertThat(badRequest("?status=done")).contains("status must be success or failed");
        assertThat(badRequest("?since=yesterday")).contains("since must be an ISO-8601 instant");
        assertThat(badRequest("?limit=0")).contains("limit must be from 1 to 1000");
    }

    /** Each step goes to partition 1, which only this test uses: its transaction markers take offsets no consumer sees. */
    @Test
    void resultsOfAbortedTransactionsNeverReachTheSinks() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ResultsTopic.brokers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notifier-it-" + run,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record(result(run + "-aborted", ResultStatus.SUCCESS, run + "/tx/aborted.csv"))).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(record(result(run + "-committed", ResultStatus.SUCCESS, run + "/tx/committed.csv"))).get();
            producer.commitTransaction();
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(taskIds("?prefix=" + run + "/tx/")).isNotEmpty());
        assertThat(taskIds("?prefix=" + run + "/tx/")).as("the aborted result came first, and was passed over")
                .containsExactly(run + "-committed");
    }

    private ProcessingResult numbered(String what, int i) {
        return result(run + "-" + what + "-" + i, ResultStatus.SUCCESS, run + "/" + what + "/" + i + ".csv");
    }

    private double attempts() {
        return meters.get("pipeline.notifier.sink.latency").tag("sink", "database").timer().count();
    }

    private double failures() {
        return meters.get("pipeline.notifier.sink.deliveries").tag("sink", "database").tag("outcome", "failed").counter().count();
    }

    private double deadLetters() {
        return meters.get("pipeline.notifier.sink.dead_letters").tag("sink", "database").counter().count();
    }

    private Long committed(int partition) {
        return topic().committedOffsets("database-it-" + getClass().getSimpleName() + "-database").get(partition(partition));
    }

    private TopicPartition partition(int partition) {
        return new TopicPartition(topicName(), partition);
    }

    private ProducerRecord<String, String> record(ProcessingResult result) {
        return new ProducerRecord<>(topicName(), 1, result.source().key(), MessageCodec.encodeToString(result));
    }

    private long rowsOf(String run) {
        return jdbc.sql("SELECT COUNT(*) FROM processing_log WHERE file_key LIKE ?").param(run + "/%").query(Long.class).single();
    }

    private List<String> taskIds(String query) {
        JsonNode results = get(query);
        return results.valueStream().map(result -> result.get("task_id").asString()).toList();
    }

    private JsonNode get(String query) {
        // a URI as given: the test writes its own escapes (%25)
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/results" + query);
        String body = RestClient.create().get().uri(uri).retrieve().body(String.class);
        return MessageCodec.mapper().readTree(body);
    }

    private String badRequest(String query) {
        try {
            get(query);
        } catch (HttpClientErrorException.BadRequest e) {
            return e.getResponseBodyAsString();
        }
        throw new AssertionError("GET /api/results" + query + " was not refused");
    }

    /** Column labels are upper case in H2 and lower case in PostgreSQL. */
    private static String key(Map<String, Object> row, String column) {
        return row.keySet().stream().filter(label -> label.equalsIgnoreCase(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + column + " in " + row.keySet()));
    }
}
