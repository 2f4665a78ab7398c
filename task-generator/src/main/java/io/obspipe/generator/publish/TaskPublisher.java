package io.obspipe.generator.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.generator.route.TaskRoutes;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes tasks to the tasks topic of their file type (TASK_ROUTES, else KAFKA_TOPIC_TASKS), message
 * key = object key, value = task JSON, through Boot's KafkaTemplate (idempotent producer, acks=all, see
 * pipeline-shared.yml). The one publishing path of the generator: the scan, single and batch modes and
 * {@code TaskGenerator} use it.
 */
@Component
public class TaskPublisher {

    private final KafkaTemplate<String, String> template;
    private final TaskRoutes routes;
    private final String bootstrapServers;
    private final Map<String, TopicCounters> counters = new LinkedHashMap<>();

    public TaskPublisher(KafkaTemplate<String, String> template, TaskRoutes routes, KafkaProperties kafka, MeterRegistry meters) {
        this.template = template;
        this.routes = routes;
        this.bootstrapServers = String.join(",", kafka.getBootstrapServers());
        for (String topic : routes.topics()) {
            counters.put(topic, new TopicCounters(
                    Counter.builder("pipeline.generator.tasks.published")
                            .description("Tasks the broker acknowledged").tag("topic", topic).register(meters),
                    Counter.builder("pipeline.generator.tasks.failed")
                            .description("Tasks the broker did not accept").tag("topic", topic).register(meters)));
        }
    }

    /** Starts a run of sends with at most {@code maxInFlight} unacknowledged tasks; close it to flush and wait. */
    public Publication start(int maxInFlight) {
        return new Publication(template, routes, bootstrapServers, counters, maxInFlight);
    }

    /** The topics tasks go to, comma-separated (the default topic first), for messages. */
    public String topic() {
        return String.join(",", routes.topics());
    }

    public TaskRoutes routes() {
        return routes;
    }

    /** The published and failed counters of one topic. */
    record TopicCounters(Counter published, Counter failed) {
    }
}
