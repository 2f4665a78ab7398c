package io.obspipe.worker.consume;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.obspipe.worker.consume.ConsumeFixtures.P0;
import static io.obspipe.worker.consume.ConsumeFixtures.record;
import static io.obspipe.worker.consume.ConsumeFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

class PartitionWorkTest {

    private final PartitionWork work = new PartitionWork(P0, 2);

    @Test
    void theCommittablePrefixEndsAtTheFirstUnfinishedTask() {
        work.enqueue(List.of(record(P0, 5), record(P0, 6)));
        PartitionWork.Slot first = work.startNext();
        PartitionWork.Slot second = work.startNext();

        second.complete(succeeded(second.record()));
        assertThat(work.completedPrefix()).isEmpty();

        first.complete(succeeded(first.record()));
        assertThat(work.completedPrefix()).extracting(c -> c.record().offset()).containsExactly(5L, 6L);
        assertThat(work.drainedBy(work.completedPrefix())).isTrue();
    }

    @Test
    void aCommitForgetsItsTasksAndMovesTheRestartOffset() {
        work.enqueue(List.of(record(P0, 5), record(P0, 6)));
        assertThat(work.restartOffset()).isEqualTo(5);
        PartitionWork.Slot first = work.startNext();
        first.complete(succeeded(first.record()));

        work.committedThrough(5);

        assertThat(work.restartOffset()).isEqualTo(6);
        assertThat(work.completedPrefix()).isEmpty();
        assertThat(work.drainedBy(List.of())).isFalse();
    }

    @Test
    void tasksStartUpToTheLimitOfUncommittedOnesAndThePartitionPausesMeanwhile() {
        work.enqueue(List.of(record(P0, 0), record(P0, 1), record(P0, 2)));
        work.startNext();
        work.startNext();

        assertThat(work.canStart()).isFalse();
        assertThat(work.shouldPause()).isTrue();
        assertThat(work.running()).isEqualTo(2);
    }

    @Test
    void anAbandonedPartitionIsIdle() {
        work.enqueue(List.of(record(P0, 0), record(P0, 1)));
        work.startNext();

        work.abandon();

        assertThat(work.idle()).isTrue();
        assertThat(work.shouldPause()).isFalse();
    }
}
