package io.obspipe.platform.kafka;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A broker that does not answer at startup (topic creation times out), or that refuses the
 * client's credentials, becomes one sentence naming the variables to check instead of a page of
 * stack trace.
 */
public class KafkaUnreachableFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public KafkaUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        String servers = environment.getProperty("spring.kafka.bootstrap-servers", "?");
        Throwable handshake = find(failure, cause -> cause instanceof org.apache.kafka.common.errors.SslAuthenticationException);
        if (handshake != null) {
            return new FailureAnalysis("Kafka at " + servers + " could not be reached over TLS: " + innermost(handshake).getMessage()
                    + " (KAFKA_SSL_TRUSTSTORE_LOCATION must hold the certificate of the broker or of the CA that signed it;"
                    + " a broker that requires client certificates needs KAFKA_SSL_KEYSTORE_LOCATION)",
                    "Check KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_TRUSTSTORE_LOCATION / _PASSWORD and KAFKA_SSL_KEYSTORE_LOCATION / _PASSWORD,"
                            + " then start again.",
                    failure);
        }
        Throwable rejected = find(failure, cause -> cause instanceof org.apache.kafka.common.errors.AuthenticationException);
        if (rejected != null) {
            return new FailureAnalysis("Kafka at " + servers + " rejected this client's credentials: " + rejected.getMessage(),
                    "Check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, then start again.",
                    failure);
        }
        Throwable unreachable = find(failure, KafkaUnreachableFailureAnalyzer::isUnreachable);
        if (unreachable != null) {
            return new FailureAnalysis("Kafka is not reachable at " + servers + " (KAFKA_BOOTSTRAP_SERVERS): " + reason(failure),
                    "Start the broker or fix KAFKA_BOOTSTRAP_SERVERS (and KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_*), then start again.",
                    failure);
        }
        return null;
    }

    private String reason(Throwable failure) {
        if (find(failure, cause -> cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException) != null) {
            return "no answer within " + environment.getProperty("spring.kafka.admin.operation-timeout", "30s") + " (KAFKA_STARTUP_TIMEOUT)";
        }
        String deepest = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                deepest = cause.getMessage();
            }
        }
        return deepest == null ? "the client could not connect" : deepest;
    }

    private static Throwable find(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isUnreachable(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return cause instanceof org.apache.kafka.common.errors.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException
                || (cause instanceof org.springframework.kafka.KafkaException && message.startsWith("Timed out waiting"))
                || (cause instanceof IllegalStateException
                    && (message.equals("Could not create admin") || message.equals("Could not configure topics")));
    }
}
