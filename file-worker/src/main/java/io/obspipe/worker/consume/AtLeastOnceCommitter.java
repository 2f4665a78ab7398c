package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Sends the batch, waits for every acknowledgement, then commits the offsets; a crash in between repeats results. */
final class AtLeastOnceCommitter implements Committer {

    private final Supplier<Producer<String, String>> producers;
    private final OutgoingRecords outgoing;
    private Producer<String, String> producer;

    AtLeastOnceCommitter(Supplier<Producer<String, String>> producers, OutgoingRecords outgoing) {
        this.producers = producers;
        this.outgoing = outgoing;
    }

    @Override
    public void commit(List<TaskCompletion> batch, Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<String, String> consumer)
            throws CommitException {
        if (producer == null) {
            producer = producers.get();
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (TaskCompletion completion : batch) {
                outgoing.of(completion).forEach(record -> sent.add(producer.send(record)));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException | KafkaException e) {
            throw new CommitException("results were not acknowledged: " + e.getMessage(), e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommitException("interrupted while publishing results", e, false);
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException e) {
            throw new CommitException("offsets could not be committed after a rebalance: " + e.getMessage(), e, true);
        } catch (KafkaException e) {
            throw new CommitException("offsets could not be committed: " + e.getMessage(), e, false);
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
