package io.obspipe.worker.consume;

import io.obspipe.model.ResultStatus;
import io.obspipe.worker.task.TaskAttemptHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.obspipe.worker.consume.ConsumeFixtures.P0;
import static io.obspipe.worker.consume.ConsumeFixtures.P1;
import static io.obspipe.worker.consume.ConsumeFixtures.metrics;
import static io.obspipe.worker.consume.ConsumeFixtures.record;
import static io.obspipe.worker.consume.ConsumeFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Tasks go to free task threads, across partitions, within each partition's limit. */
class TaskDispatcherTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final TaskAttemptHandler handler = mock(TaskAttemptHandler.class);
    private final TaskDispatcher dispatcher = new TaskDispatcher(new RetryingTaskRunner(handler, 0, Duration.ZERO, metrics()), metrics(), 2);
    private final AssignedPartitions partitions = new AssignedPartitions(3);

    TaskDispatcherTest() {
        when(handler.handle(any())).thenAnswer(call -> {
            release.await(1, TimeUnit.MINUTES);
            ConsumerRecord<?, ?> record = call.getArgument(0);
            return result((String) record.key(), ResultStatus.SUCCESS, null);
        });
        partitions.assign(List.of(P0, P1));
        dispatcher.open();
    }

    @AfterEach
    void close() {
        release.countDown();
        dispatcher.close();
    }

    @Test
    void tasksOfBothPartitionsShareTheThreadsAndTheRestWaits() {
        partitions.get(P0).enqueue(List.of(record(P0, 0), record(P0, 1)));
        partitions.get(P1).enqueue(List.of(record(P1, 0)));

        dispatcher.dispatch(partitions);

        assertThat(partitions.get(P0).running()).isEqualTo(1);
        assertThat(partitions.get(P1).running()).isEqualTo(1);
        assertThat(dispatcher.allThreadsBusy()).isTrue();
        assertThat(partitions.get(P0).canStart()).isTrue();
    }

    @Test
    void aFinishedTaskFreesItsThreadAndHandsBackItsCompletion() {
        partitions.get(P0).enqueue(List.of(record(P0, 0), record(P0, 1), record(P0, 2)));
        dispatcher.dispatch(partitions);

        release.countDown();
        await().atMost(Duration.ofMinutes(1)).until(() -> partitions.get(P0).completedPrefix().size() == 2);
        await().atMost(Duration.ofMinutes(1)).until(() -> !dispatcher.anyThreadBusy());
        dispatcher.dispatch(partitions);
        await().atMost(Duration.ofMinutes(1)).until(() -> partitions.get(P0).completedPrefix().size() == 3);
        assertThat(partitions.get(P0).completedPrefix()).extracting(c -> c.record().offset()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aPartitionAtItsLimitOfUncommittedTasksStartsNoMore() {
        AssignedPartitions limited = new AssignedPartitions(1);
        limited.assign(List.of(P0));
        limited.get(P0).enqueue(List.of(record(P0, 0), record(P0, 1)));

        dispatcher.dispatch(limited);

        assertThat(limited.get(P0).running()).isEqualTo(1);
        assertThat(dispatcher.allThreadsBusy()).isFalse();
    }
}
