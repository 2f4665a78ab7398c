package io.obspipe.notifier.sink.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.ResultsTopic;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The e-mail digest against a real SMTP server (GreenMail, with a login): a storm of failures makes one mail per
 * interval, and the failures' offsets are committed only once their mail was sent.
 */
@SpringBootTest(properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_RESULT_TOPIC=" + EmailDigestIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + EmailDigestIT.TOPIC + "-tasks",
        "KAFKA_TOPIC_PARTITIONS=2",
        "NOTIFIER_GROUP_ID=email-it",
        "NOTIFIER_SINKS_EMAIL_ENABLED=true",
        "NOTIFIER_EMAIL_TO=ops@example.com,lead@example.com",
        "NOTIFIER_EMAIL_FROM=pipeline@example.com",
        "NOTIFIER_EMAIL_INTERVAL=" + EmailDigestIT.INTERVAL_SECONDS + "s",
        "NOTIFIER_EMAIL_MAX_LISTED=5",
        "SMTP_HOST=127.0.0.1",
        "SMTP_USERNAME=notifier",
        "SMTP_PASSWORD=" + EmailDigestIT.PASSWORD,
        "NOTIFIER_SINKS_DATABASE_ENABLED=false",
        "NOTIFIER_SINKS_LIVE_ENABLED=false",
        "NOTIFIER_SINKS_LOG_ENABLED=false"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class EmailDigestIT {

    static final String TOPIC = "email-it-results";
    static final String PASSWORD = "smtp-it-password";
    static final int INTERVAL_SECONDS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static GreenMail smtp;

    private final ResultsTopic topic = new ResultsTopic(TOPIC);

    @BeforeAll
    static void startMailServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("notifier", PASSWORD));
        smtp.start();
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("SMTP_PORT", () -> smtp.getSmtp().getPort());
    }

    @Test
    void aStormOfFailuresSendsOneDigestPerIntervalAndIsCommittedOnlyOnceSent(CapturedOutput output) throws Exception {
        List<ProcessingResult> storm = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> storm.add(result("storm-" + i, ResultStatus.FAILED, "data/storm/" + i + ".csv")));
        IntStream.range(0, 5).forEach(i -> storm.add(result("fine-" + i, ResultStatus.SUCCESS, "data/fine/" + i + ".csv")));

        Instant sent = Instant.now();
        topic.send(storm);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(topic.committedOffsets("email-it-local")).isEqualTo(topic.endOffsets()));
        // the failures are committed only once their mail went out, so every mail sent for them is stored by then
        await().atMost(PATIENCE)
                .failFast("the failures were committed before their mail went out", this::committedWithoutAMail)
                .untilAsserted(() -> assertThat(topic.committedOffsets("email-it-email")).isEqualTo(topic.endOffsets()));
        MimeMessage[] digests = smtp.getReceivedMessages();
        assertThat(digests).as("one mail, to each of the two recipients").hasSize(2);
        MimeMessage digest = digests[0];
        assertThat(digest.getReceivedDate().toInstant()).as("the digest waits for its interval after the first failure")
                .isAfterOrEqualTo(sent.plusSeconds(INTERVAL_SECONDS));
        assertThat(digest.getSubject()).isEqualTo("[obs-pipeline] 20 files failed processing");
        assertThat(digest.getFrom()[0].toString()).isEqualTo("pipeline@example.com");
        assertThat(digest.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ops@example.com", "lead@example.com");
        String body = (String) digest.getContent();
        assertThat(body).contains("20 files failed processing between ")
                .containsPattern("corrupt_content +20")
                .contains("Failed files (the first 5):")
                .contains("error: 文件格式不支持 (corrupt_content)")
                .contains("... and 15 more; GET /api/results?status=failed")
                .doesNotContain("data/fine/");

        topic.send(result("later-1", ResultStatus.FAILED, "data/later/1.csv"), result("later-2", ResultStatus.FAILED, "data/later/2.csv"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(smtp.getReceivedMessages()).hasSize(4));
        MimeMessage second = Arrays.stream(smtp.getReceivedMessages()).filter(message -> !subject(message).startsWith("[obs-pipeline] 20"))
                .findFirst().orElseThrow();
        assertThat(second.getSubject()).isEqualTo("[obs-pipeline] 2 files failed processing");
        assertThat((String) second.getContent()).contains("data/later/1.csv", "data/later/2.csv").doesNotContain("data/storm/");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(topic.committedOffsets("email-it-email")).isEqualTo(topic.endOffsets()));
        assertThat(output.getOut()).contains("sent the digest of 20 failures to 2 recipients").doesNotContain(PASSWORD);
    }

    /** The offsets are read before the mails: a commit seen here came after every mail sent before it. */
    private boolean committedWithoutAMail() {
        boolean committed = topic.committedOffsets("email-it-email").equals(topic.endOffsets());
        return committed && smtp.getReceivedMessages().length == 0;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
