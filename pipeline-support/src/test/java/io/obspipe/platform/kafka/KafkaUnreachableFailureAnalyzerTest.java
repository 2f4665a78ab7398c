package io.obspipe.platform.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaUnreachableFailureAnalyzerTest {

    private final KafkaUnreachableFailureAnalyzer analyzer = new KafkaUnreachableFailureAnalyzer(
            new MockEnvironment().withProperty("spring.kafka.bootstrap-servers", "127.0.0.1:1"));

    @Test
    void topicCreationTimeoutNamesTheBootstrapVariable() {
        Throwable failure = new RuntimeException("context failed",
                new IllegalStateException("Could not configure topics", new TimeoutException()));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).startsWith("Kafka is not reachable at 127.0.0.1:1 (KAFKA_BOOTSTRAP_SERVERS)");
    }

    @Test
    void rejectedCredentialsNameTheSaslVariables() {
        Throwable failure = new IllegalStateException("Could not configure topics", new java.util.concurrent.ExecutionException(
                new org.apache.kafka.common.errors.SaslAuthenticationException("Authentication failed: Invalid username or password")));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo(
                "Kafka at 127.0.0.1:1 rejected this client's credentials: Authentication failed: Invalid username or password");
        assertThat(analysis.getAction()).contains("KAFKA_SASL_PASSWORD");
    }

    @Test
    void aFailedTlsHandshakeNamesTheTruststoreNotTheSaslVariables() {
        Throwable handshake = new javax.net.ssl.SSLHandshakeException("PKIX path building failed").initCause(
                new java.security.cert.CertPathValidatorException("unable to find valid certification path to requested target"));
        Throwable failure = new IllegalStateException("Could not configure topics", new java.util.concurrent.ExecutionException(
                new org.apache.kafka.common.errors.SslAuthenticationException("SSL handshake failed", handshake)));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Kafka at 127.0.0.1:1 could not be reached over TLS: unable to find valid"
                + " certification path to requested target (KAFKA_SSL_TRUSTSTORE_LOCATION must hold the certificate of the broker"
                + " or of the CA that signed it; a broker that requires client certificates needs KAFKA_SSL_KEYSTORE_LOCATION)");
        assertThat(analysis.getAction()).contains("KAFKA_SSL_TRUSTSTORE_LOCATION").doesNotContain("KAFKA_SASL");
    }

    @Test
    void unrelatedFailuresAreLeftToOtherAnalyzers() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
