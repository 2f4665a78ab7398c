package io.obspipe.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Topic creation that returns only once the topics can be used. A KRaft broker acknowledges a creation when the
 * controller has committed it; the broker's own metadata cache learns of the topic a moment later, and the leader
 * loads each partition after that, so a describe, a consumer's partitionsFor or a producer's first send right after
 * the creation may still find the topic unknown or the partition without its leader (NOT_LEADER_OR_FOLLOWER, after
 * which an idempotent producer can loop on OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout).
 */
public final class KafkaTopics {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private KafkaTopics() {
    }

    /** Creates the topics and waits until the leader of every partition of them answers for it. */
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

    /** Waits until the leader of every partition of the topics answers for it. */
    public static void awaitLeaders(Admin admin, Collection<String> names, Duration timeout) {
        if (!Ports.await(timeout, null, () -> haveLeaders(admin, names))) {
            throw new IllegalStateException("the topics " + names + " had no leader for every partition within " + timeout);
        }
    }

    /**
     * Whether every partition of the topics has a leader that answers a ListOffsets request for it; a topic the broker
     * does not know yet has none.
     */
    static boolean haveLeaders(Admin admin, Collection<String> names) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            boolean led = described.values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (!led) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(topic -> topic.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            admin.listOffsets(latest).all().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof RetriableException) {
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
