package io.obspipe.notifier.support;

import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileInfo;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The results topic of a test on the run's embedded broker: results to produce, and offsets to check. */
public final class ResultsTopic {

    private final String topic;

    public ResultsTopic(String topic) {
        this.topic = topic;
    }

    public static String brokers() {
        return Objects.requireNonNull(System.getProperty("spring.embedded.kafka.brokers"), "the global embedded broker is not running");
    }

    /** A result as a worker publishes it: success with sizes 1024 → 2048, or failure with error code corrupt_content. */
    public static ProcessingResult result(String taskId, ResultStatus status, String key) {
        boolean success = status == ResultStatus.SUCCESS;
        return new ProcessingResult(Instant.now(), WorkerType.MULTI_PROCESS, status,
                new ObjectLocation("input-bucket", key),
                success ? new ObjectLocation("output-bucket", key + ".parsed.json") : null,
                FileInfo.of(1024, success ? 2048 : 0),
                success ? null : "文件格式不支持",
                success ? null : ErrorCode.CORRUPT_CONTENT,
                taskId, 0.25, "worker-a", "csv", null);
    }

    /** The result as if its worker had finished it at the given time. */
    public static ProcessingResult finishedAt(ProcessingResult r, Instant timestamp) {
        return new ProcessingResult(timestamp, r.workerType(), r.status(), r.source(), r.destination(), r.fileInfo(), r.error(),
                r.errorCode(), r.taskId(), r.processingTime(), r.workerId(), r.processor(), r.generatedAt());
    }

    public void send(ProcessingResult... results) {
        send(List.of(results));
    }

    /** Produces the results in order, keyed by object key as the workers do, and waits until the broker has them. */
    public void send(List<ProcessingResult> results) {
        sendValues(results.stream().map(MessageCodec::encodeToString).toList(), null);
    }

    /** Produces the results in order to one partition, so that a later one is read after the earlier ones. */
    public void sendTo(int partition, ProcessingResult... results) {
        sendValues(Stream.of(results).map(MessageCodec::encodeToString).toList(), partition);
    }

    /** Produces raw values to one partition, or by key when null (to control their order and offsets). */
    public void sendValues(List<String> values, Integer partition) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, partition, keyOf(value), value)));
            }
            for (Future<RecordMetadata> written : sent) {
                written.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /** The committed offset of every partition the group committed on. */
    public Map<TopicPartition, Long> committedOffsets(String group) {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getValue() != null && entry.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of group " + group, e);
        }
    }

    /** The end offset of every partition of the topic that holds records. */
    public Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream()
                    .collect(Collectors.toMap(partition -> new TopicPartition(topic, partition.partition()), partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .filter(entry -> entry.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }

    /** As the apps key their records: a result by its object key, a key pool snapshot by its worker id (its topic is compacted). */
    private static String keyOf(String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            ProcessingResult result = MessageCodec.decodeResult(bytes);
            return result.source() == null ? null : result.source().key();
        } catch (RuntimeException notAResult) {
            try {
                return MessageCodec.decodeKeyPoolStatus(bytes).workerId();
            } catch (RuntimeException notASnapshot) {
                return null;
            }
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));
    }
}
