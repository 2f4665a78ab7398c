package io.obspipe.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Before the app produces or consumes, waits until every topic its features declared ({@link DeclaredTopics} beans,
 * which {@link KafkaAdmin} created) answers on its leader. A producer that writes to a partition the broker is still creating gets
 * NOT_LEADER_OR_FOLLOWER for its first batch, and an idempotent producer can then loop on
 * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout; asking each partition's leader for its end offset
 * succeeds only once the partition exists there.
 */
public final class CreatedTopicsReadiness implements SmartLifecycle {

    private static final long RETRY_MILLIS = 100;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> adminConfig;
    private final ObjectProvider<DeclaredTopics> declared;
    private final Duration timeout;
    private volatile boolean running;

    public CreatedTopicsReadiness(KafkaProperties kafka, ObjectProvider<DeclaredTopics> declared) {
        this.adminConfig = kafka.buildAdminProperties();
        this.declared = declared;
        this.timeout = Objects.requireNonNullElse(kafka.getAdmin().getOperationTimeout(), DEFAULT_TIMEOUT);
    }

    @Override
    public void start() {
        List<String> names = declared.orderedStream().flatMap(group -> group.topics().stream()).map(NewTopic::name).distinct().toList();
        if (!names.isEmpty()) {
            awaitLeaders(names);
        }
        running = true;
    }

    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(left(deadline), TimeUnit.NANOSECONDS);
                    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                    described.values().forEach(topic -> topic.partitions().forEach(partition ->
                            partitions.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
                    admin.listOffsets(partitions).all().get(left(deadline), TimeUnit.NANOSECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() + RETRY_MILLIS * 1_000_000 > deadline) {
                        throw notReady(names, e.getCause());
                    }
                    Thread.sleep(RETRY_MILLIS);
                } catch (TimeoutException e) {
                    throw notReady(names, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the topics " + names + " to have leaders", e);
        }
    }

    private static long left(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private IllegalStateException notReady(List<String> names, Throwable cause) {
        return new IllegalStateException("the topics " + names + " were created but did not answer on their leaders within "
                + timeout.toSeconds() + "s (KAFKA_STARTUP_TIMEOUT): " + cause.getMessage(), cause);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First of all lifecycles: consumers and the generator's runs start after the topics answer. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
