package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.obspipe.worker.consume.ConsumeFixtures.P0;
import static io.obspipe.worker.consume.ConsumeFixtures.P1;
import static io.obspipe.worker.consume.ConsumeFixtures.consumerOf;
import static io.obspipe.worker.consume.ConsumeFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/** The back-pressure: what is paused and resumed on the consumer. */
class AssignedPartitionsTest {

    private final MockConsumer<String, String> consumer = consumerOf(P0, P1);
    private final AssignedPartitions partitions = new AssignedPartitions(1);

    @Test
    void aPartitionWithTasksWaitingToStartIsPausedAndResumedWhenTheyAllStarted() {
        partitions.assign(List.of(P0, P1));
        partitions.get(P0).enqueue(List.of(record(P0, 0)));

        partitions.applyPauses(consumer, false);
        assertThat(consumer.paused()).containsExactly(P0);

        PartitionWork.Slot slot = partitions.get(P0).startNext();
        slot.complete(ConsumeFixtures.succeeded(slot.record()));
        partitions.get(P0).committedThrough(0);
        partitions.applyPauses(consumer, false);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void holdingPausesEveryPartitionAndReleasedPartitionsAreForgotten() {
        partitions.assign(List.of(P0, P1));

        partitions.applyPauses(consumer, true);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);

        partitions.get(P1).enqueue(List.of(record(P1, 0)));
        partitions.get(P1).startNext();
        partitions.release(List.of(P1));
        assertThat(partitions.get(P1)).isNull();
        assertThat(partitions.anyRunning()).isFalse();
    }
}
