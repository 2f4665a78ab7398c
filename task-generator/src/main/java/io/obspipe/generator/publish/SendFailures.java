package io.obspipe.generator.publish;

import org.apache.kafka.common.errors.TimeoutException;

/** One sentence for a task the broker did not accept, naming the broker address for the common case: a timeout. */
final class SendFailures {

    private SendFailures() {
    }

    static String describe(Throwable error, String key, String topic, String bootstrapServers) {
        Throwable cause = error;
        while (!(cause instanceof TimeoutException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "Kafka at " + bootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS) did not acknowledge the task for '" + key
                    + "' on topic '" + topic + "' in time: " + cause.getMessage();
        }
        return "Kafka did not accept the task for '" + key + "' on topic '" + topic + "': "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
