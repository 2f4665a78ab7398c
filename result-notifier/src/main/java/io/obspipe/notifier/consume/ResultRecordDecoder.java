package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.InvalidMessageException;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a record as a result. A record that is not a result (not JSON, no status, a field of the
 * wrong type) is skipped: retrying it cannot help, and it must not hold up the results behind it.
 * Every lane reads every record, so only the lane asked to report it logs one warning with its
 * position and the reason and counts it; the others skip it silently.
 */
@Component
public class ResultRecordDecoder {

    private static final Logger log = LoggerFactory.getLogger(ResultRecordDecoder.class);

    private final Counter skipped;

    public ResultRecordDecoder(MeterRegistry meters) {
        this.skipped = Counter.builder("pipeline.notifier.results.invalid")
                .description("Records on the results topic that were not a readable result and were skipped")
                .register(meters);
    }

    /** The record's result, or null when it is not a readable result. */
    public ProcessingResult decode(ConsumerRecord<String, byte[]> record, boolean report) {
        try {
            return MessageCodec.decodeResult(record.value());
        } catch (InvalidMessageException e) {
            if (report) {
                skipped.increment();
                log.atWarn()
                        .addKeyValue("topic", record.topic())
                        .addKeyValue("partition", record.partition())
                        .addKeyValue("offset", record.offset())
                        .addKeyValue("reason", e.getMessage())
                        .log("skipped an unreadable result record (topic {}, partition {}, offset {}): {}",
                                record.topic(), record.partition(), record.offset(), e.getMessage());
            }
            return null;
        }
    }
}
