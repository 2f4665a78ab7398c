package io.obspipe.generator.incremental;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a job's head and checkpoints from the state topic's control partition, to its end (read_committed:
 * what an aborted transaction wrote is not seen). Memory holds this job's records only.
 */
final class StateLoader {

    private static final Duration POLL = Duration.ofMillis(500);

    private final JobClients clients;
    private final StateTopic topic;

    StateLoader(JobClients clients, StateTopic topic) {
        this.clients = clients;
        this.topic = topic;
    }

    /** What was committed for the job: its head (empty when the job never ran) and the current scan's checkpoints. */
    Loaded load(JobId job) {
        String ownPrefix = job.id() + "/";
        String headKey = StateTopic.headKey(job);
        Map<String, ConsumerRecord<String, byte[]>> latest = new HashMap<>();
        TopicPartition control = new TopicPartition(topic.name(), StateTopic.CONTROL_PARTITION);
        Consumer<String, byte[]> consumer = clients.stateConsumer();
        try {
            consumer.assign(List.of(control));
            consumer.seekToBeginning(List.of(control));
            long end = consumer.endOffsets(List.of(control)).get(control);
            while (consumer.position(control) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.key() != null && record.key().startsWith(ownPrefix)) {
                        if (record.value() == null) {
                            latest.remove(record.key());
                        } else {
                            latest.put(record.key(), record);
                        }
                    }
                }
            }
        } finally {
            // drops what the consumer fetched ahead, which it would otherwise hold until the next scan
            consumer.unsubscribe();
        }
        ConsumerRecord<String, byte[]> headRecord = latest.remove(headKey);
        JobHead head = headRecord == null ? JobHead.empty(job) : topic.decodeHead(headKey, headRecord.value(), headRecord.offset());
        Map<Integer, RangeState> checkpoints = new HashMap<>();
        if (head.current() != null) {
            for (RangeState planned : head.current().ranges()) {
                String key = StateTopic.checkpointKey(job, head.current().number(), planned.index());
                ConsumerRecord<String, byte[]> record = latest.get(key);
                checkpoints.put(planned.index(), record == null ? planned : topic.decodeCheckpoint(key, record.value(), record.offset()));
            }
        }
        return new Loaded(head, checkpoints);
    }

    record Loaded(JobHead head, Map<Integer, RangeState> checkpoints) {

        Loaded {
            checkpoints = Map.copyOf(checkpoints);
        }
    }
}
