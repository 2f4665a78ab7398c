package io.obspipe.e2e;

import io.obspipe.localstack.AppProcess;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* reach every client: right credentials work, wrong ones get one clear sentence. */
class SaslE2ETest {

    private static final String USER = "pipeline";
    private static final String PASSWORD = "s3cr3t-sasl-password";

    static PipelineStack stack;

    @BeforeAll
    static void start() {
        stack = PipelineStack.startWithSasl("sasl", USER, PASSWORD);
        for (int i = 0; i < 20; i++) {
            stack.putSource("sasl/note-" + i + ".txt", ("hello " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void generatorAndWorkerWorkOverSaslWithTheRightCredentials() {
        stack.startWorker("sasl-worker", sasl(PASSWORD));

        AppProcess generator = stack.generator("sasl/", sasl(PASSWORD));
        assertThat(generator.waitForExit(PipelineStack.APP_START)).as(generator.logTail(20)).isZero();
        List<ProcessingResult> results = stack.results(20, Duration.ofSeconds(90));

        assertThat(results).hasSize(20).allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS));
    }

    @Test
    void wrongCredentialsStopTheGeneratorWithOneSentence() {
        AppProcess generator = stack.generator("sasl/", sasl("not-the-password"));

        assertThat(generator.waitForExit(PipelineStack.APP_START)).isEqualTo(1);
        String log = String.join("\n", generator.logLines());
        assertThat(log).contains("rejected this client's credentials").contains("KAFKA_SASL_PASSWORD")
                .doesNotContain("not-the-password").doesNotContain(PASSWORD);
    }

    private static Map<String, String> sasl(String password) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafka.saslBootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", USER,
                "KAFKA_SASL_PASSWORD", password);
    }
}
