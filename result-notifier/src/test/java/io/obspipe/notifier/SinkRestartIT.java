package io.obspipe.notifier;

import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.ResultsTopic;
import io.obspipe.notifier.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each sink resumes from its own committed offsets: a notifier stops while its webhook endpoint is down, after
 * the database recorded every result; the next notifier of the same groups delivers every result to the webhook,
 * and the database, which had committed them, does not read them again.
 */
class SinkRestartIT {

    private static final String TOPIC = "sink-restart-it-results";
    private static final String GROUP = "sink-restart-it";
    private static final Path DATA_DIR = Path.of("target/it-data/sink-restart-it");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ResultsTopic topic = new ResultsTopic(TOPIC);

    @Test
    void aNotifierStoppedBeforeItsWebhookDeliveredLosesNothingForTheWebhookAndRepeatsNothingForTheDatabase() throws Exception {
        FileSystemUtils.deleteRecursively(DATA_DIR);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.downUntil(Instant.now().plus(Duration.ofHours(1)));
            List<String> tasks = IntStream.range(0, 5).mapToObj(i -> "restart-" + i).toList();

            try (ConfigurableApplicationContext first = start(receiver)) {
                topic.send(tasks.stream().map(task -> result(task, ResultStatus.SUCCESS, "data/" + task + ".csv")).toList());
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(rows(first)).isEqualTo(tasks.size());
                    assertThat(receiver.requests()).isNotEmpty();
                });
            }
            assertThat(receiver.deliveredTo("/hook")).isEmpty();
            assertThat(topic.committedOffsets(GROUP + "-database")).isEqualTo(topic.endOffsets());

            receiver.downUntil(Instant.MIN);
            try (ConfigurableApplicationContext second = start(receiver)) {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.deliveredTo("/hook")).containsExactlyElementsOf(tasks));
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(topic.committedOffsets(GROUP + "-webhook-1")).isEqualTo(topic.endOffsets()));
                assertThat(second.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .get("pipeline.notifier.sink.deliveries").tag("sink", "database").tag("outcome", "delivered").counter().count())
                        .as("the database's results were committed before the stop").isZero();
                assertThat(rows(second)).isEqualTo(tasks.size());
            }
        }
    }

    private static ConfigurableApplicationContext start(WebhookReceiver receiver) {
        return new SpringApplicationBuilder(ResultNotifierApplication.class).run(
                "--KAFKA_BOOTSTRAP_SERVERS=" + ResultsTopic.brokers(),
                "--KAFKA_RESULT_TOPIC=" + TOPIC,
                "--KAFKA_TOPIC_TASKS=" + TOPIC + "-tasks",
                "--KAFKA_TOPIC_PARTITIONS=1",
                "--NOTIFIER_GROUP_ID=" + GROUP,
                "--NOTIFIER_DATA_DIR=./" + DATA_DIR,
                "--SERVER_PORT=0",
                "--NOTIFIER_SINKS_LOG_ENABLED=false",
                "--NOTIFIER_SINKS_WEBHOOK_ENABLED=true",
                "--NOTIFIER_WEBHOOK_URLS=" + receiver.url("/hook"),
                "--NOTIFIER_WEBHOOK_RETRY_BACKOFF=100ms",
                "--NOTIFIER_WEBHOOK_RETRY_MAX_BACKOFF=200ms");
    }

    private static long rows(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM processing_log WHERE task_id LIKE 'restart-%'")
                .query(Long.class).single();
    }
}
