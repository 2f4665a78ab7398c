package io.obspipe.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Topic creation that returns only once the topics can be used. A KRaft broker acknowledges a creation when the
 * controller has committed it; the broker's own metadata cache learns of the topic a moment later, so a describe,
 * a consumer's partitionsFor or a producer's first send right after the creation may still find the topic unknown.
 */
public final class KafkaTopics {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private KafkaTopics() {
    }

    /** Creates the topics and waits until the broker serves every partition of them with a leader. */
    public static void create(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        List<String> names = topics.stream().map(NewTopic::name).toList();
        try {
            admin.createTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the topics " + names + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create the topics " + names + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics " + names, e);
        }
        awaitLeaders(admin, names, timeout);
    }

    /** Waits until the broker serves every partition of the topics with a leader. */
    public static void awaitLeaders(Admin admin, Collection<String> names, Duration timeout) {
        if (!Ports.await(timeout, null, () -> haveLeaders(admin, names))) {
            throw new IllegalStateException("the topics " + names + " had no leader for every partition within " + timeout);
        }
    }

    /** Whether every partition of the topics has a leader; a topic the broker does not know yet has none. */
    static boolean haveLeaders(Admin admin, Collection<String> names) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return described.values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException("cannot describe the topics " + names + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
