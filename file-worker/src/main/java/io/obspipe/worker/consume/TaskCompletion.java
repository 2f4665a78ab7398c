package io.obspipe.worker.consume;

import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A finished task: its result event and, when the record itself is the problem (not a task, or
 * still failing after every retry), the reason to copy it to the dead-letter topic.
 */
record TaskCompletion(ConsumerRecord<String, String> record, ProcessingResult result, String deadLetterReason) {

    boolean deadLettered() {
        return deadLetterReason != null;
    }
}
