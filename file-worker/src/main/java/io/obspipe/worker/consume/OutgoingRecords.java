package io.obspipe.worker.consume;

import io.obspipe.model.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The records a completion produces: its result event (key = source object key) and, when dead
 * lettered, a copy of the original record with the cause in {@code x-*} headers.
 */
final class OutgoingRecords {

    static final String ERROR_HEADER = "x-error";
    static final String ERROR_CODE_HEADER = "x-error-code";
    static final String ORIGINAL_TOPIC_HEADER = "x-original-topic";
    static final String ORIGINAL_PARTITION_HEADER = "x-original-partition";
    static final String ORIGINAL_OFFSET_HEADER = "x-original-offset";
    static final String WORKER_HEADER = "x-worker-id";
    static final String FAILED_AT_HEADER = "x-failed-at";

    private final String resultsTopic;
    private final String deadLetterTopic;
    private final boolean publishResults;
    private final String workerId;

    OutgoingRecords(String resultsTopic, String deadLetterTopic, boolean publishResults, String workerId) {
        this.resultsTopic = resultsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.publishResults = publishResults;
        this.workerId = workerId;
    }

    List<ProducerRecord<String, String>> of(TaskCompletion completion) {
        List<ProducerRecord<String, String>> out = new ArrayList<>(2);
        if (publishResults) {
            String key = completion.result().source() == null ? completion.record().key() : completion.result().source().key();
            out.add(new ProducerRecord<>(resultsTopic, key, MessageCodec.encodeToString(completion.result())));
        }
        if (completion.deadLettered()) {
            out.add(deadLetter(completion));
        }
        return out;
    }

    private ProducerRecord<String, String> deadLetter(TaskCompletion completion) {
        ConsumerRecord<String, String> original = completion.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original.headers()) {
            headers.add(header);
        }
        add(headers, ERROR_HEADER, completion.deadLetterReason());
        add(headers, ERROR_CODE_HEADER, completion.result().errorCode() == null ? "" : completion.result().errorCode().name().toLowerCase(Locale.ROOT));
        add(headers, ORIGINAL_TOPIC_HEADER, original.topic());
        add(headers, ORIGINAL_PARTITION_HEADER, Integer.toString(original.partition()));
        add(headers, ORIGINAL_OFFSET_HEADER, Long.toString(original.offset()));
        add(headers, WORKER_HEADER, workerId);
        add(headers, FAILED_AT_HEADER, Instant.now().toString());
        return new ProducerRecord<>(deadLetterTopic, null, original.key(), original.value(), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
