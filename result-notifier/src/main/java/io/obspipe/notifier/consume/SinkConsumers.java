package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.notifier.config.NotifierProperties;
import io.obspipe.notifier.sink.KeyPoolSink;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.ResultSinkGroup;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Starts one consumer of the results topic per lane: one for all in-process sinks, in consumer group
 * {@code <NOTIFIER_GROUP_ID>-local}, and one per other enabled sink, in consumer group
 * {@code <NOTIFIER_GROUP_ID>-<sink>}, with the {@link SinkLane} as its listener; stops them before the
 * sinks are closed. A lane whose sinks want the analysis stage's events or key pool snapshots reads those topics
 * too, in the same consumer group.
 */
@Component
class SinkConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SinkConsumers.class);
    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    private final Map<SinkLane, ConcurrentMessageListenerContainer<Object, Object>> lanes = new LinkedHashMap<>();
    private volatile boolean running;

    SinkConsumers(List<ResultSink> sinks, List<ResultSinkGroup> sinkGroups, List<KeyPoolSink> keyPoolSinks,
                  ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
                  NotifierProperties notifier, EventTopics topics, KafkaProperties kafka,
                  ResultRecordDecoder decoder, MeterRegistry meters, TaskScheduler scheduler, Clock clock) {
        Duration yieldAfter = Duration.ofMillis(maxPollIntervalMs(kafka) / 2);
        List<ResultSink> all = Stream.concat(sinks.stream(), sinkGroups.stream().flatMap(group -> group.sinks().stream()))
                .sorted(Comparator.comparing(ResultSink::name))
                .toList();
        List<SinkDelivery> inProcess = all.stream().filter(ResultSink::inProcess)
                .map(sink -> new SinkDelivery(sink, decoder, topics, meters, clock))
                .toList();
        if (!inProcess.isEmpty() || !keyPoolSinks.isEmpty()) {
            InProcessSinkLane local = new InProcessSinkLane(inProcess, keyPoolSinks, decoder, topics);
            add(local, factory, notifier, topicsOf(topics, local.readsAnalyses(), local.readsKeyPool()));
        }
        all.stream().filter(sink -> !sink.inProcess())
                .forEach(sink -> add(SinkLane.of(sink, new SinkDelivery(sink, decoder, topics, meters, clock), yieldAfter, scheduler, clock),
                        factory, notifier, topicsOf(topics, sink.readsAnalyses(), false)));
        List<String> names = all.stream().map(ResultSink::name).toList();
        List<String> groups = lanes.keySet().stream().map(lane -> notifier.groupId() + "-" + lane.name()).toList();
        log.atInfo().addKeyValue("sinks", names).addKeyValue("consumer_groups", groups)
                .log("delivering results to sinks {} through consumer groups {}", names, groups);
    }

    /** The results topic, and those of the analysis stage the lane wants and the notifier reads at all. */
    private static String[] topicsOf(EventTopics topics, boolean analyses, boolean keyPool) {
        List<String> names = new ArrayList<>(List.of(topics.results()));
        if (analyses) {
            names.add(topics.analysis());
        }
        if (keyPool) {
            names.add(topics.keyPool());
        }
        return names.stream().filter(Objects::nonNull).toArray(String[]::new);
    }

    private void add(SinkLane lane, ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
                     NotifierProperties notifier, String... topics) {
        lanes.put(lane, container(lane, factory, notifier, topics));
    }

    private static ConcurrentMessageListenerContainer<Object, Object> container(
            SinkLane lane, ConcurrentKafkaListenerContainerFactory<Object, Object> factory, NotifierProperties notifier, String... topics) {
        String group = notifier.groupId() + "-" + lane.name();
        ConcurrentMessageListenerContainer<Object, Object> container = factory.createContainer(topics);
        container.getContainerProperties().setGroupId(group);
        container.getContainerProperties().setClientId(group);
        container.getContainerProperties().setMessageListener(lane);
        container.getContainerProperties().setSyncCommits(lane.waitsForCommits());
        Duration commitInterval = lane.commitInterval();
        if (commitInterval != null) {
            container.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
            container.getContainerProperties().setAckTime(commitInterval.toMillis());
        }
        Duration pollTimeout = lane.pollTimeout(Duration.ofMillis(container.getContainerProperties().getPollTimeout()));
        container.getContainerProperties().setPollTimeout(pollTimeout.toMillis());
        container.setConcurrency(lane.concurrency(notifier));
        container.setBeanName("sink-" + lane.name());
        container.setAutoStartup(false);
        return container;
    }

    private static long maxPollIntervalMs(KafkaProperties kafka) {
        Object configured = kafka.buildConsumerProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        return configured == null ? DEFAULT_MAX_POLL_INTERVAL_MS : Long.parseLong(configured.toString());
    }

    @Override
    public void start() {
        lanes.values().forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        lanes.keySet().forEach(SinkLane::beforeStop);
        CountDownLatch stopped = new CountDownLatch(lanes.size());
        lanes.values().forEach(container -> container.stop(stopped::countDown));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }
}
