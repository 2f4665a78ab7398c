package io.obspipe.platform.kafka;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A broker that does not answer at startup (topic creation times out) becomes one sentence naming
 * KAFKA_BOOTSTRAP_SERVERS, instead of a page of stack trace.
 */
public class KafkaUnreachableFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public KafkaUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isUnreachable(cause)) {
                String servers = environment.getProperty("spring.kafka.bootstrap-servers", "?");
                return new FailureAnalysis("Kafka is not reachable at " + servers + " (KAFKA_BOOTSTRAP_SERVERS): " + cause.getMessage(),
                        "Start the broker or fix KAFKA_BOOTSTRAP_SERVERS (and KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_*), then start again.",
                        failure);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static boolean isUnreachable(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return cause instanceof org.apache.kafka.common.errors.TimeoutException
                || (cause instanceof org.springframework.kafka.KafkaException && message.startsWith("Timed out waiting"))
                || (cause instanceof IllegalStateException
                    && (message.equals("Could not create admin") || message.equals("Could not configure topics")));
    }
}
