package io.obspipe.worker.consume;

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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Results, dead letters and the consumer offsets of a batch in one Kafka transaction, with the
 * consumer's group metadata so a worker that lost its partitions (a zombie) is fenced. A
 * read_committed reader sees each task's result exactly once.
 */
final class TransactionalCommitter implements Committer {

    private final Supplier<Producer<String, String>> producers;
    private final OutgoingRecords outgoing;
    private Producer<String, String> producer;

    TransactionalCommitter(Supplier<Producer<String, String>> producers, OutgoingRecords outgoing) {
        this.producers = producers;
        this.outgoing = outgoing;
    }

    @Override
    public void commit(List<TaskCompletion> batch, Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<String, String> consumer)
            throws CommitException {
        Producer<String, String> current = producer();
        try {
            current.beginTransaction();
            for (TaskCompletion completion : batch) {
                for (ProducerRecord<String, String> record : outgoing.of(completion)) {
                    current.send(record);
                }
            }
            current.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            current.commitTransaction();
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException | InvalidProducerEpochException
                 | AuthorizationException | UnsupportedVersionException e) {
            discardProducer();
            throw new CommitException("the transactional producer was fenced or hit a fatal error: " + e.getMessage(), e, true);
        } catch (TimeoutException e) {
            // The commit may or may not have happened: only the committed offsets can tell.
            discardProducer();
            throw new CommitException("the transaction did not finish in time: " + e.getMessage(), e, true);
        } catch (KafkaException e) {
            abort(e);
            throw new CommitException("the transaction was aborted: " + e.getMessage(), e, false);
        }
    }

    private Producer<String, String> producer() throws CommitException {
        if (producer == null) {
            Producer<String, String> created = producers.get();
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw new CommitException("cannot start the transactional producer: " + e.getMessage(), e, false);
            }
            producer = created;
        }
        return producer;
    }

    private void abort(KafkaException cause) throws CommitException {
        try {
            producer.abortTransaction();
        } catch (KafkaException abortFailure) {
            discardProducer();
            throw new CommitException("the transaction could not be aborted after: " + cause.getMessage(), abortFailure, true);
        }
    }

    private void discardProducer() {
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
