package io.obspipe.analysis.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Analysis events and the offsets they answer in one Kafka transaction, with the consumer's group metadata so a
 * worker that lost its partitions is fenced.
 */
public final class TransactionalPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionalPublisher.class);

    /** COMMITTED; RETRY: aborted, nothing was committed, try the same again; RESYNC: unknown, restart from the committed offsets. */
    enum Outcome { COMMITTED, RETRY, RESYNC }

    private final Supplier<Producer<String, String>> producers;
    private Producer<String, String> producer;
    private int failuresInARow;

    public TransactionalPublisher(Supplier<Producer<String, String>> producers) {
        this.producers = producers;
    }

    Outcome publish(List<ProducerRecord<String, String>> events, Map<TopicPartition, OffsetAndMetadata> offsets,
                    Consumer<String, String> consumer) {
        try {
            Producer<String, String> current = producer();
            current.beginTransaction();
            events.forEach(current::send);
            current.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            current.commitTransaction();
            if (failuresInARow > 0) {
                log.info("analysis events are committed again after {} failed attempt(s)", failuresInARow);
            }
            failuresInARow = 0;
            return Outcome.COMMITTED;
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException | InvalidProducerEpochException
                 | AuthorizationException | UnsupportedVersionException | TimeoutException e) {
            failed(events.size(), e);
            discard();
            return Outcome.RESYNC;
        } catch (KafkaException e) {
            failed(events.size(), e);
            try {
                if (producer != null) {
                    producer.abortTransaction();
                }
                return Outcome.RETRY;
            } catch (KafkaException abortFailure) {
                discard();
                return Outcome.RESYNC;
            }
        }
    }

    private void failed(int events, KafkaException e) {
        failuresInARow++;
        if (failuresInARow == 1 || failuresInARow % 10 == 0) {
            log.atWarn().addKeyValue("pending_events", events).addKeyValue("attempt", failuresInARow)
                    .log("could not commit {} analysis event(s) with their offsets: {}", events, e.toString());
        }
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Producer<String, String> created = producers.get();
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void discard() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
