package io.obspipe.notifier;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.ResultsTopic;
import io.obspipe.notifier.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sink outage while results flow: the webhook endpoint answers 500 for at least 10 s while 40 results arrive. The database
 * and the summary keep up with every batch during the outage, the webhook lane retries only its first result with
 * back-off, and once the endpoint is back it receives every result, each once, and commits to the end of the topic.
 */
@SpringBootTest(properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_RESULT_TOPIC=" + SinkOutageIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + SinkOutageIT.TOPIC + "-tasks",
        "KAFKA_TOPIC_PARTITIONS=3",
        "NOTIFIER_GROUP_ID=" + SinkOutageIT.GROUP,
        "NOTIFIER_DATA_DIR=./target/it-data/sink-outage-it",
        "NOTIFIER_SINKS_LOG_ENABLED=false",
        "NOTIFIER_SINKS_WEBHOOK_ENABLED=true",
        "NOTIFIER_WEBHOOK_RETRY_BACKOFF=200ms",
        "NOTIFIER_WEBHOOK_RETRY_MAX_BACKOFF=1s",
        "NOTIFIER_WEBHOOK_GIVE_UP_AFTER=2m"})
@DirtiesContext
class SinkOutageIT {

    static final String TOPIC = "sink-outage-it-results";
    static final String GROUP = "sink-outage-it";
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Generous for a loaded machine; the waits end as soon as their condition holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int BATCHES = 4;
    private static final int BATCH_SIZE = 10;

    private static WebhookReceiver receiver;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final ResultsTopic topic = new ResultsTopic(TOPIC);

    @BeforeAll
    static void startReceiverWithAnEmptyProcessingLog() throws IOException {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/sink-outage-it"));
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @DynamicPropertySource
    static void url(DynamicPropertyRegistry registry) {
        registry.add("NOTIFIER_WEBHOOK_URLS", () -> receiver.url("/hook"));
    }

    @Test
    void theOtherSinksKeepUpWhileTheWebhookIsDownAndTheWebhookGetsEveryResultOnceItIsBack() throws InterruptedException {
        Instant start = Instant.now();
        // down until every batch reached the other sinks, and at least OUTAGE: a slow machine lengthens it, never shortens it
        receiver.downUntil(Instant.MAX);

        for (int batch = 1; batch <= BATCHES; batch++) {
            int sent = batch * BATCH_SIZE;
            topic.send(IntStream.range(sent - BATCH_SIZE, sent).mapToObj(SinkOutageIT::numbered).toList());
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(rowsInProcessingLog()).isEqualTo(sent);
                assertThat(topic.committedOffsets(GROUP + "-local")).isEqualTo(topic.endOffsets());
            });
            assertThat(receiver.deliveredTo("/hook")).as("the webhook is still down").isEmpty();
            assertThat(topic.committedOffsets(GROUP + "-webhook-1")).as("the webhook lane commits nothing it did not deliver")
                    .isNotEqualTo(topic.endOffsets());
            // results keep arriving during the outage
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), start.plus(OUTAGE.multipliedBy(batch).dividedBy(BATCHES + 1))).toMillis()));
        }
        Instant back = later(Instant.now(), start.plus(OUTAGE));
        receiver.downUntil(back);

        int results = BATCHES * BATCH_SIZE;
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.deliveredTo("/hook")).hasSize(results));
        assertThat(receiver.deliveredTo("/hook")).as("each result once")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, results).mapToObj(i -> "outage-" + i).toList());
        List<WebhookReceiver.Request> failed = receiver.requests().stream().filter(request -> request.status() == 500).toList();
        // the back-off only waits longer on a slow machine, so the outage's real length bounds the count from above
        assertThat(failed).as("one request per back-off step of 200 ms doubling to 1 s, not one per result: no retry storm")
                .hasSizeBetween(5, 6 + (int) Duration.between(start, back).toSeconds());
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(topic.committedOffsets(GROUP + "-webhook-1")).isEqualTo(topic.endOffsets()));
        assertThat(meters.get("pipeline.notifier.sink.dead_letters").tag("sink", "webhook-1").counter().count()).isZero();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private long rowsInProcessingLog() {
        return jdbc.sql("SELECT COUNT(*) FROM processing_log WHERE task_id LIKE 'outage-%'").query(Long.class).single();
    }

    private static ProcessingResult numbered(int i) {
        return result("outage-" + i, i % 7 == 0 ? ResultStatus.FAILED : ResultStatus.SUCCESS, "data/outage/" + i + ".csv");
    }
}
