package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.obspipe.worker.consume.ConsumeFixtures.P0;
import static io.obspipe.worker.consume.ConsumeFixtures.consumerOf;
import static io.obspipe.worker.consume.ConsumeFixtures.outgoing;
import static io.obspipe.worker.consume.ConsumeFixtures.record;
import static io.obspipe.worker.consume.ConsumeFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AtLeastOnceCommitterTest {

    private final MockConsumer<String, String> consumer = consumerOf(P0);
    private final List<TaskCompletion> batch = List.of(succeeded(record(P0, 0)), succeeded(record(P0, 1)));
    private final Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = Map.of(P0, new OffsetAndMetadata(2));

    @Test
    void offsetsAreCommittedOnceEveryResultIsAcknowledged() throws CommitException {
        MockProducer<String, String> producer = ConsumeFixtures.producer();

        new AtLeastOnceCommitter(() -> producer, outgoing()).commit(batch, offsets, consumer);

        assertThat(producer.history()).hasSize(2);
        assertThat(consumer.committed(offsets.keySet())).isEqualTo(offsets);
    }

    @Test
    void aResultTheProducerRefusesLeavesTheOffsetsUncommitted() {
        MockProducer<String, String> producer = ConsumeFixtures.producer();
        producer.sendException = new NotEnoughReplicasException("no replicas");

        assertThatExceptionOfType(CommitException.class)
                .isThrownBy(() -> new AtLeastOnceCommitter(() -> producer, outgoing()).commit(batch, offsets, consumer))
                .satisfies(e -> assertThat(e.mustResync()).isFalse());
        assertThat(consumer.committed(offsets.keySet())).isEmpty();
    }
}
