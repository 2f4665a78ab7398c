package io.obspipe.platform.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.Collection;
import java.util.List;

/**
 * Topics an app feature declares for {@link KafkaAdmin} to create at startup, which {@link CreatedTopicsReadiness}
 * then waits for (spring-kafka's {@link KafkaAdmin.NewTopics} does not show its topics to other packages).
 */
public final class DeclaredTopics extends KafkaAdmin.NewTopics {

    private final List<NewTopic> topics;

    public DeclaredTopics(Collection<NewTopic> topics) {
        super(topics.toArray(NewTopic[]::new));
        this.topics = List.copyOf(topics);
    }

    public List<NewTopic> topics() {
        return topics;
    }
}
