package io.obspipe.platform.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
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
 * @param topics                 topic names and how to create them
 * @param sasl                   SASL credentials, applied to every client
 * @param allowedExtraProperties client property names, comma-separated, that the startup check accepts although the
 *                               Kafka client does not define them (e.g. a custom serializer's settings)
 */
@Validated
@ConfigurationProperties("pipeline.kafka")
public record PipelineKafkaProperties(
        @Valid @NotNull Topics topics,
        @Valid @NotNull Sasl sasl,
        @NotNull List<String> allowedExtraProperties) {

    /**
     * @param tasks             tasks topic; its dead-letter topic is {@code <name>-dlt}
     * @param results           result events topic
     * @param partitions        partitions of the topics created at startup (tasks, tasks-dlt, results): the ceiling of
     *                          parallel workers
     * @param replicationFactor replication factor of created topics (3 on a production cluster)
     * @param create            create missing topics at startup (and add partitions when fewer exist)
     */
    public record Topics(
            @NotBlank(message = "KAFKA_TOPIC_TASKS must not be blank") String tasks,
            @NotBlank(message = "KAFKA_RESULT_TOPIC must not be blank") String results,
            @Min(value = 1, message = "KAFKA_TOPIC_PARTITIONS must be at least 1") int partitions,
            @Min(value = 1, message = "KAFKA_TOPIC_REPLICATION_FACTOR must be at least 1") short replicationFactor,
            boolean create) {

        /** A topic sized like the pipeline's own (partitions, replication factor), for {@link org.springframework.kafka.core.KafkaAdmin} to create. */
        public NewTopic declare(String name) {
            return TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor).build();
        }

        /** A compacted topic with its own partition count (state and snapshots keyed by id, the latest per key kept). */
        public NewTopic declareCompacted(String name, int partitionCount) {
            return TopicBuilder.name(name).partitions(partitionCount).replicas(replicationFactor).compact().build();
        }

        /**
         * The analysis stage's topics, declared alike by the analysis worker and the notifier, whichever starts first:
         * the analysis topic sized like the results topic, the key pool topic compacted with one partition (snapshots
         * are keyed by worker id, so it keeps each worker's latest).
         */
        public List<NewTopic> declareAnalysisTopics(String analysisTopic, String keyPoolTopic) {
            return List.of(declare(analysisTopic), declareCompacted(keyPoolTopic, 1));
        }
    }

    /**
     * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}, with a {@code SASL_*} security protocol
     * @param username  SASL user name, applied to every client (producer, consumer, admin)
     * @param password  SASL password (never logged)
     */
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
