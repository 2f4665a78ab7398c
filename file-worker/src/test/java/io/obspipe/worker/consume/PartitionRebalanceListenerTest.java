package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.obspipe.worker.consume.ConsumeFixtures.P0;
import static io.obspipe.worker.consume.ConsumeFixtures.P1;
import static io.obspipe.worker.consume.ConsumeFixtures.TASKS;
import static io.obspipe.worker.consume.ConsumeFixtures.metrics;
import static io.obspipe.worker.consume.ConsumeFixtures.outgoing;
import static io.obspipe.worker.consume.ConsumeFixtures.record;
import static io.obspipe.worker.consume.ConsumeFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/** Rebalances driven by kafka-clients' MockConsumer: revoked first, then assigned. */
class PartitionRebalanceListenerTest {

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, String> producer = ConsumeFixtures.producer();
    private final AssignedPartitions partitions = new AssignedPartitions(10);
    private final CommitSchedule commits = new CommitSchedule(new TransactionalCommitter(() -> producer, outgoing()), metrics(), System::nanoTime);

    @BeforeEach
    void subscribe() {
        consumer.subscribe(List.of(TASKS), new PartitionRebalanceListener(consumer, partitions, commits, metrics(), Duration.ZERO));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.rebalance(List.of(P0, P1));
    }

    @Test
    void assignedPartitionsStartWithoutWork() {
        assertThat(partitions.all()).extracting(PartitionWork::partition).containsExactly(P0, P1);
        assertThat(partitions.anyPending()).isFalse();
    }

    @Test
    void aRevokedPartitionsFinishedTasksAreCommittedAndTheRestLeftToItsNextOwner() {
        PartitionWork work = partitions.get(P1);
        work.enqueue(List.of(record(P1, 0), record(P1, 1)));
        PartitionWork.Slot finished = work.startNext();
        finished.complete(succeeded(finished.record()));
        work.startNext();

        consumer.rebalance(List.of(P0));

        assertThat(producer.consumerGroupOffsetsHistory()).singleElement()
                .satisfies(byGroup -> assertThat(byGroup.values()).singleElement()
                        .satisfies(offsets -> assertThat(offsets).containsEntry(P1, new OffsetAndMetadata(1))));
        assertThat(partitions.get(P1)).isNull();
        assertThat(partitions.get(P0)).isNotNull();
    }

    @Test
    void aLostPartitionIsDroppedWithoutACommit() {
        PartitionWork.Slot finished = enqueueAndStart(P0);
        finished.complete(succeeded(finished.record()));

        new PartitionRebalanceListener(consumer, partitions, commits, metrics(), Duration.ZERO).onPartitionsLost(List.of(P0));

        assertThat(partitions.get(P0)).isNull();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
    }

    private PartitionWork.Slot enqueueAndStart(org.apache.kafka.common.TopicPartition partition) {
        partitions.get(partition).enqueue(List.of(record(partition, 0)));
        return partitions.get(partition).startNext();
    }
}
