package io.obspipe.worker.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileInfo;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;

/** Records, completions and kafka-clients' own mock clients for the consume/ unit tests. */
final class ConsumeFixtures {

    static final String TASKS = "tasks";
    static final TopicPartition P0 = new TopicPartition(TASKS, 0);
    static final TopicPartition P1 = new TopicPartition(TASKS, 1);

    private ConsumeFixtures() {
    }

    static ConsumerRecord<String, String> record(TopicPartition partition, long offset) {
        String key = "file-" + partition.partition() + "-" + offset + ".csv";
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, "{\"key\":\"" + key + "\"}");
    }

    static TaskCompletion succeeded(ConsumerRecord<String, String> record) {
        return new TaskCompletion(record, result(record.key(), ResultStatus.SUCCESS, null), null);
    }

    static ProcessingResult result(String key, ResultStatus status, ErrorCode code) {
        return new ProcessingResult(Instant.now(), WorkerType.MULTI_PROCESS, status, new ObjectLocation("b", key), null,
                FileInfo.of(1, 0), code == null ? null : "because", code, "t", 0.1, "w", null, null);
    }

    /** A consumer of {@link #TASKS} with the given partitions assigned, each starting at offset 0. */
    static MockConsumer<String, String> consumerOf(TopicPartition... partitions) {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(java.util.List.of(partitions));
        for (TopicPartition partition : partitions) {
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
        }
        return consumer;
    }

    static MockProducer<String, String> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    }

    static WorkerMetrics metrics() {
        return new WorkerMetrics(new SimpleMeterRegistry());
    }

    static OutgoingRecords outgoing() {
        return new OutgoingRecords("results", "tasks.dlq", true, "w-1");
    }
}
