package io.obspipe.analysis.consume;

import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One fetched record until its offset is committed: done at once when it is skipped, done with the analysis event to
 * publish when its analysis ended. {@link #finish} is the one call from another thread.
 */
final class PendingResult {

    private final ConsumerRecord<String, String> record;
    private final ProcessingResult result;
    private final long pickedUpNanos;
    private boolean started;
    private volatile boolean done;
    private volatile ProducerRecord<String, String> output;

    PendingResult(ConsumerRecord<String, String> record, ProcessingResult result, long pickedUpNanos) {
        this.record = record;
        this.result = result;
        this.pickedUpNanos = pickedUpNanos;
    }

    ConsumerRecord<String, String> record() {
        return record;
    }

    /** The decoded result event, or null when the record is not one. */
    ProcessingResult result() {
        return result;
    }

    long pickedUpNanos() {
        return pickedUpNanos;
    }

    /** Done; {@code event} is what to publish with the offset, or null for nothing. */
    void finish(ProducerRecord<String, String> event) {
        this.output = event;
        this.done = true;
    }

    /** Handed to an analysis thread (loop thread only). */
    void started() {
        started = true;
    }

    boolean running() {
        return started && !done;
    }

    boolean done() {
        return done;
    }

    /** The event to publish: null when there is none, or once it is committed (loop thread only). */
    ProducerRecord<String, String> output() {
        return output;
    }

    /** Its event is committed (loop thread only). */
    void published() {
        output = null;
    }
}
