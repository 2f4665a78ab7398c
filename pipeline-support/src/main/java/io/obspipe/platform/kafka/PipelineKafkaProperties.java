package io.obspipe.platform.kafka;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Pipeline-level Kafka settings (client settings themselves are Boot's {@code spring.kafka.*},
 * mapped from the seed's KAFKA_* variables in pipeline-shared.yml).
 *
 * @param topics                 topic names (KAFKA_TOPIC_TASKS, KAFKA_RESULT_TOPIC) and how to create them
 * @param sasl                   KAFKA_SASL_MECHANISM / USERNAME / PASSWORD, applied to every client
 * @param allowedExtraProperties client property names the startup check accepts although the Kafka
 *                               client does not define them (e.g. a custom serializer's settings)
 */
@Validated
@ConfigurationProperties("pipeline.kafka")
public record PipelineKafkaProperties(
        @Valid @NotNull Topics topics,
        @Valid @NotNull Sasl sasl,
        @NotNull List<String> allowedExtraProperties) {

    /**
     * @param partitions        partitions of the tasks topic (and its dead-letter topic); the results topic gets the same
     * @param replicationFactor replication factor of created topics
     * @param create            create missing topics at startup (and add partitions when fewer exist)
     */
    public record Topics(
            @NotBlank(message = "KAFKA_TOPIC_TASKS must not be blank") String tasks,
            @NotBlank(message = "KAFKA_RESULT_TOPIC must not be blank") String results,
            @Min(value = 1, message = "KAFKA_TOPIC_PARTITIONS must be at least 1") int partitions,
            @Min(value = 1, message = "KAFKA_TOPIC_REPLICATION_FACTOR must be at least 1") short replicationFactor,
            boolean create) {
    }

    public record Sasl(String mechanism, String username, String password) {

        public boolean configured() {
            return username != null && !username.isBlank();
        }

        @Override
        public String toString() {
            return "Sasl[mechanism=" + mechanism + ", username=" + username + ", password=<hidden>]";
        }
    }
}
