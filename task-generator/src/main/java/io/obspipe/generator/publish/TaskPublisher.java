package io.obspipe.generator.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes tasks to the tasks topic (KAFKA_TOPIC_TASKS), message key = object key, value = task JSON,
 * through Boot's KafkaTemplate (idempotent producer, acks=all, see pipeline-shared.yml). The one
 * publishing path of the generator: the scan, single and batch modes and {@code TaskGenerator} use it.
 */
@Component
public class TaskPublisher {

    private final KafkaTemplate<String, String> template;
    private final String topic;
    private final String bootstrapServers;
    private final Counter published;
    private final Counter failed;

    public TaskPublisher(KafkaTemplate<String, String> template, PipelineKafkaProperties pipelineKafka,
                         KafkaProperties kafka, MeterRegistry meters) {
        this.template = template;
        this.topic = pipelineKafka.topics().tasks();
        this.bootstrapServers = String.join(",", kafka.getBootstrapServers());
        this.published = Counter.builder("pipeline.generator.tasks.published")
                .description("Tasks the broker acknowledged").tag("topic", topic).register(meters);
        this.failed = Counter.builder("pipeline.generator.tasks.failed")
                .description("Tasks the broker did not accept").tag("topic", topic).register(meters);
    }

    /** Starts a run of sends with at most {@code maxInFlight} unacknowledged tasks; close it to flush and wait. */
    public Publication start(int maxInFlight) {
        return new Publication(template, topic, bootstrapServers, published, failed, maxInFlight);
    }

    public String topic() {
        return topic;
    }
}
