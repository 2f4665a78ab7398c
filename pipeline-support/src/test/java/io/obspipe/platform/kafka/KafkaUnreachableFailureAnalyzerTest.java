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
    void unrelatedFailuresAreLeftToOtherAnalyzers() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
