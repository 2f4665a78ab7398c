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

/**
 * KAFKA_SECURITY_PROTOCOL=SSL and SASL_SSL with KAFKA_SSL_TRUSTSTORE_* / KAFKA_SSL_KEYSTORE_* against a
 * broker whose certificates are made at test time: the worker talks mutual TLS, the generator SASL over
 * TLS; a truststore that does not hold the broker's certificate stops the generator with one sentence.
 */
class TlsE2ETest {

    private static final String USER = "pipeline";
    private static final String PASSWORD = "s3cr3t-sasl-password";

    static PipelineStack stack;

    @BeforeAll
    static void start() {
        stack = PipelineStack.startWithTls("tls", USER, PASSWORD);
        for (int i = 0; i < 10; i++) {
            stack.putSource("tls/note-" + i + ".txt", ("hello " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void workerOverMutualTlsAndGeneratorOverSaslSslProcessEveryFile() {
        TlsStores stores = stack.tlsStores();
        stack.startWorker("tls-worker", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafka.sslBootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", stores.clientTruststore().toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", stores.password(),
                "KAFKA_SSL_KEYSTORE_LOCATION", stores.clientKeystore().toString(),
                "KAFKA_SSL_KEYSTORE_PASSWORD", stores.password()));

        AppProcess generator = stack.generator("tls/", saslSsl(stores.clientTruststore().toString()));
        assertThat(generator.waitForExit(PipelineStack.APP_START)).as(generator.logTail(20)).isZero();
        List<ProcessingResult> results = stack.results(10, Duration.ofSeconds(90));

        assertThat(results).hasSize(10).allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS));
    }

    @Test
    void aTruststoreWithoutTheBrokersCertificateStopsTheGeneratorWithOneSentence() {
        AppProcess generator = stack.generator("tls/", saslSsl(stack.tlsStores().strangerTruststore().toString()));

        assertThat(generator.waitForExit(PipelineStack.APP_START)).isEqualTo(1);
        String log = String.join("\n", generator.logLines());
        assertThat(log).contains("could not be reached over TLS: unable to find valid certification path to requested target")
                .contains("KAFKA_SSL_TRUSTSTORE_LOCATION")
                .doesNotContain("rejected this client's credentials")
                .doesNotContain(stack.tlsStores().password()).doesNotContain(PASSWORD);
    }

    private static Map<String, String> saslSsl(String truststore) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafka.saslSslBootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore,
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", stack.tlsStores().password(),
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", USER,
                "KAFKA_SASL_PASSWORD", PASSWORD);
    }
}
