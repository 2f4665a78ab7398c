package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.InvalidMessageException;
import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a record as a result, an analysis event or a key pool snapshot. A record that is not one (not JSON, no
 * status, a field of the wrong type, an analysis event without its analysis) is skipped: retrying it cannot help,
 * and it must not hold up the records behind it. Every lane reads every record, so only the lane asked to report
 * it logs one warning with its position and the reason and counts it; the others skip it silently.
 */
@Component
public class ResultRecordDecoder {

    private static final Logger log = LoggerFactory.getLogger(ResultRecordDecoder.class);

    private final Counter skipped;

    public ResultRecordDecoder(MeterRegistry meters) {
        this.skipped = Counter.builder("pipeline.notifier.results.invalid")
                .description("Records on the results topic (or the analysis stage's topics) that were not readable and were skipped")
                .register(meters);
    }

    /** The record's result, or null when it is not a readable result. */
    public ProcessingResult decode(ConsumerRecord<String, byte[]> record, boolean report) {
        try {
            return MessageCodec.decodeResult(record.value());
        } catch (InvalidMessageException e) {
            return skip(record, report, "result", e.getMessage());
        }
    }

    /** The record's analysis event, or null when it is not a readable result with an analysis. */
    ProcessingResult decodeAnalysis(ConsumerRecord<String, byte[]> record, boolean report) {
        try {
            ProcessingResult analyzed = MessageCodec.decodeResult(record.value());
            return analyzed.analysis() != null ? analyzed
                    : skip(record, report, "analysis", "analysis event has no 'analysis' field");
        } catch (InvalidMessageException e) {
            return skip(record, report, "analysis", e.getMessage());
        }
    }

    /** The record's key pool snapshot, or null when it is not a readable one. */
    KeyPoolStatus decodeKeyPool(ConsumerRecord<String, byte[]> record) {
        try {
            return MessageCodec.decodeKeyPoolStatus(record.value());
        } catch (InvalidMessageException e) {
            return skip(record, true, "key pool", e.getMessage());
        }
    }

    private <T> T skip(ConsumerRecord<String, byte[]> record, boolean report, String what, String reason) {
        if (report) {
            skipped.increment();
            log.atWarn()
                    .addKeyValue("topic", record.topic())
                    .addKeyValue("partition", record.partition())
                    .addKeyValue("offset", record.offset())
                    .addKeyValue("reason", reason)
                    .log("skipped an unreadable {} record (topic {}, partition {}, offset {}): {}",
                            what, record.topic(), record.partition(), record.offset(), reason);
        }
        return null;
    }
}
