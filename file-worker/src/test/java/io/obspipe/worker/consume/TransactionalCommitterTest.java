package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.obspipe.worker.consume.ConsumeFixtures.P0;
import static io.obspipe.worker.consume.ConsumeFixtures.consumerOf;
import static io.obspipe.worker.consume.ConsumeFixtures.outgoing;
import static io.obspipe.worker.consume.ConsumeFixtures.record;
import static io.obspipe.worker.consume.ConsumeFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TransactionalCommitterTest {

    private final MockConsumer<String, String> consumer = consumerOf(P0);
    private final List<MockProducer<String, String>> producers = new ArrayList<>();
    private final TransactionalCommitter committer = new TransactionalCommitter(() -> {
        producers.add(ConsumeFixtures.producer());
        return producers.get(producers.size() - 1);
    }, outgoing());
    private final List<TaskCompletion> batch = List.of(succeeded(record(P0, 0)));
    private final Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = Map.of(P0, new OffsetAndMetadata(1));

    @Test
    void resultsAndOffsetsAreCommittedInOneTransaction() throws CommitException {
        committer.commit(batch, offsets, consumer);

        MockProducer<String, String> producer = producers.get(0);
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).extracting(r -> r.topic()).containsExactly("results");
        assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(Map.of(consumer.groupMetadata().groupId(), offsets));
    }

    @Test
    void aFailedTransactionIsAbortedAndTheSameBatchMayBeTriedAgain() throws CommitException {
        committer.commit(batch, offsets, consumer);
        producers.get(0).commitTransactionException = new KafkaException("not enough replicas");

        assertThatExceptionOfType(CommitException.class).isThrownBy(() -> committer.commit(batch, offsets, consumer))
                .satisfies(e -> assertThat(e.mustResync()).isFalse());
        assertThat(producers.get(0).transactionAborted()).isTrue();
        assertThat(producers).hasSize(1);
    }

    @Test
    void aFencedProducerIsReplacedAndTheLoopMustResync() throws CommitException {
        committer.commit(batch, offsets, consumer);
        producers.get(0).fenceProducer();

        assertThatExceptionOfType(CommitException.class).isThrownBy(() -> committer.commit(batch, offsets, consumer))
                .satisfies(e -> assertThat(e.mustResync()).isTrue());
        assertThat(producers.get(0).closed()).isTrue();

        committer.commit(batch, offsets, consumer);
        assertThat(producers).hasSize(2);
        assertThat(producers.get(1).transactionCommitted()).isTrue();
    }

    @Test
    void aTransactionOfUnknownOutcomeMeansResync() {
        producers.add(ConsumeFixtures.producer());
        TransactionalCommitter timingOut = new TransactionalCommitter(() -> producers.get(0), outgoing());
        producers.get(0).commitTransactionException = new TimeoutException("commit took too long");

        assertThatExceptionOfType(CommitException.class).isThrownBy(() -> timingOut.commit(batch, offsets, consumer))
                .satisfies(e -> assertThat(e.mustResync()).isTrue());
    }
}
