package io.obspipe.notifier.consume;

import io.obspipe.model.MessageCodec;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.ResultsTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Consumer records of results on partition 0 of topic "results", as a lane receives them. */
final class Records {

    /** The topics of these records: results, and the analysis stage's analyses and key pool snapshots. */
    static final EventTopics TOPICS = new EventTopics("results", "analyses", "key-pool");

    private Records() {
    }

    /** One record per task id, at offsets {@code firstOffset}, +1, ...; task id "x" is file "x.csv", "bad" an unreadable record. */
    static List<ConsumerRecord<String, byte[]>> of(long firstOffset, String... taskIds) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < taskIds.length; i++) {
            String taskId = taskIds[i];
            String value = taskId.equals("bad") ? "{not json" : MessageCodec.encodeToString(
                    ResultsTopic.result(taskId, taskId.startsWith("failed") ? ResultStatus.FAILED : ResultStatus.SUCCESS, taskId + ".csv"));
            records.add(new ConsumerRecord<>("results", 0, firstOffset + i, taskId + ".csv", value.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    /** A record of the topic with the given value, at the offset. */
    static ConsumerRecord<String, byte[]> on(String topic, long offset, String value) {
        return new ConsumerRecord<>(topic, 0, offset, null, value.getBytes(StandardCharsets.UTF_8));
    }
}
