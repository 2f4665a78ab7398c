package io.obspipe.notifier.sink.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.ResultsTopic;
import io.obspipe.notifier.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook sinks against a real HTTP server: two URLs, a shared secret, a key-prefix filter, and a short
 * retry budget (back-off 100 ms doubling to 400 ms, give up after 3 s).
 */
@SpringBootTest(properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_RESULT_TOPIC=" + WebhookSinkIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + WebhookSinkIT.TOPIC + "-tasks",
        "KAFKA_TOPIC_PARTITIONS=1",
        "NOTIFIER_GROUP_ID=webhook-it",
        "NOTIFIER_SINKS_WEBHOOK_ENABLED=true",
        "NOTIFIER_WEBHOOK_SECRET=" + WebhookSinkIT.SECRET,
        "NOTIFIER_WEBHOOK_PREFIX=reports/",
        "NOTIFIER_WEBHOOK_TIMEOUT=2s",
        "NOTIFIER_WEBHOOK_RETRY_BACKOFF=100ms",
        "NOTIFIER_WEBHOOK_RETRY_MAX_BACKOFF=400ms",
        "NOTIFIER_WEBHOOK_GIVE_UP_AFTER=3s",
        "NOTIFIER_SINKS_DATABASE_ENABLED=false",
        "NOTIFIER_SINKS_LIVE_ENABLED=false",
        "NOTIFIER_SINKS_LOG_ENABLED=false"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class WebhookSinkIT {

    static final String TOPIC = "webhook-it-results";
    static final String SECRET = "it-shared-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static WebhookReceiver receiver;

    @Autowired
    MeterRegistry meters;

    private final ResultsTopic topic = new ResultsTopic(TOPIC);
    private final String run = "reports/" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @DynamicPropertySource
    static void urls(DynamicPropertyRegistry registry) {
        registry.add("NOTIFIER_WEBHOOK_URLS", () -> receiver.url("/first") + "," + receiver.url("/second?token=abc"));
    }

    @Test
    void postsEveryResultUnderThePrefixToEveryUrlSignedWithTheSecret(CapturedOutput output) throws Exception {
        ProcessingResult success = result(run + "-ok", ResultStatus.SUCCESS, run + "/ok.csv");
        ProcessingResult elsewhere = result(run + "-elsewhere", ResultStatus.SUCCESS, "other/" + run + ".csv");
        ProcessingResult failure = result(run + "-failed", ResultStatus.FAILED, run + "/bad.csv");

        topic.send(success, elsewhere, failure);

        for (String path : List.of("/first", "/second")) {
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(receiver.deliveredTo(path)).contains(run + "-ok", run + "-failed").doesNotContain(run + "-elsewhere"));
        }
        WebhookReceiver.Request post = receiver.requestsFor("/second", run + "-failed").get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.headers()).containsEntry("content-type", "application/json")
                .containsEntry("x-obspipe-event", "result")
                .containsEntry("x-obspipe-delivery", run + "-failed")
                .containsEntry("x-obspipe-signature", "sha256=" + hmacSha256(post.body()));
        ProcessingResult posted = MessageCodec.decodeResult(post.body());
        assertThat(posted.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(posted.error()).isEqualTo("文件格式不支持");
        assertThat(posted.source().key()).isEqualTo(run + "/bad.csv");
        assertThat(output.getOut()).contains("sink webhook-2 posts results to http://127.0.0.1:")
                .as("a URL's path and query may hold a token: logs name only scheme, host and port")
                .doesNotContain("token=abc").doesNotContain(SECRET);
    }

    @Test
    void anEndpointAnswering500IsRetriedWithGrowingPausesUntilItAcceptsAndTheOtherUrlGetsItOnce() {
        String task = run + "-flaky";
        receiver.answer("/first", task, 500, 503);

        topic.send(result(task, ResultStatus.SUCCESS, run + "/flaky.csv"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.deliveredTo("/first")).contains(task));
        List<WebhookReceiver.Request> attempts = receiver.requestsFor("/first", task);
        assertThat(attempts).extracting(WebhookReceiver.Request::status).containsExactly(500, 503, 200);
        assertThat(attempts).extracting(request -> request.headers().get("x-obspipe-delivery")).containsOnly(task);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(receiver.requestsFor("/second", task)).singleElement().extracting(WebhookReceiver.Request::status).isEqualTo(200);
    }

    @Test
    void aRefusedResultIsGivenUpOnAtOnceWithADeadLetterRecordAndTheNextOnesStillGo(CapturedOutput output) {
        String refused = run + "-refused";
        String next = run + "-next";
        receiver.answerAlways("/first", refused, 400);
        double deadLettersBefore = deadLetters("webhook-1");

        topic.send(result(refused, ResultStatus.SUCCESS, run + "/refused.csv"), result(next, ResultStatus.SUCCESS, run + "/next.csv"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.deliveredTo("/first")).contains(next));
        assertThat(receiver.requestsFor("/first", refused)).hasSize(1);
        assertThat(deadLetters("webhook-1") - deadLettersBefore).isEqualTo(1);
        assertThat(output.getOut()).contains("sink webhook-1 gave up on the result of " + run + "/refused.csv after 1 attempt: "
                + "io.obspipe.notifier.sink.PermanentDeliveryException: HTTP 400 from http://127.0.0.1:");
    }

    @Test
    void anEndpointDownForLongerThanTheBudgetGetsFewRequestsThenADeadLetterAndTheNextResultsGoOn(CapturedOutput output) {
        String down = run + "-down";
        String after = run + "-after";
        receiver.answerAlways("/first", down, 500);

        topic.send(result(down, ResultStatus.SUCCESS, run + "/down.csv"), result(after, ResultStatus.SUCCESS, run + "/after.csv"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.deliveredTo("/first")).contains(after));
        List<WebhookReceiver.Request> attempts = receiver.requestsFor("/first", down);
        Duration tried = Duration.between(attempts.get(0).at(), attempts.get(attempts.size() - 1).at());
        assertThat(tried).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThat(attempts).as("pauses of 100, 200, 400, 400 ... ms over 3 s, not a retry storm").hasSizeBetween(6, 12);
        assertThat(receiver.requestsFor("/first", after).get(0).at()).isAfter(attempts.get(attempts.size() - 1).at());
        assertThat(output.getOut()).contains("sink webhook-1 gave up on the result of " + run + "/down.csv after " + attempts.size()
                + " attempts: java.io.IOException: HTTP 500 from http://127.0.0.1:");
    }

    private double deadLetters(String sink) {
        return meters.get("pipeline.notifier.sink.dead_letters").tag("sink", sink).counter().count();
    }

    private static String hmacSha256(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
