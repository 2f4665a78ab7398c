package io.obspipe.worker.consume;

import io.obspipe.model.ResultStatus;
import io.obspipe.worker.task.TaskAttemptHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.AfterEach;
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
import static io.obspipe.worker.consume.ConsumeFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The loop stepped turn by turn against kafka-clients' MockConsumer and MockProducer. */
class TaskPollLoopTest {

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, String> producer = ConsumeFixtures.producer();
    private final TaskAttemptHandler handler = mock(TaskAttemptHandler.class);
    private final TaskDispatcher dispatcher = new TaskDispatcher(new RetryingTaskRunner(handler, 0, Duration.ZERO, metrics()), metrics(), 2);
    private final TaskPollLoop loop = new TaskPollLoop(TASKS, () -> consumer, new AssignedPartitions(10), dispatcher,
            new CommitSchedule(new TransactionalCommitter(() -> producer, outgoing()), metrics(), System::nanoTime),
            metrics(), Duration.ZERO, Duration.ofMinutes(1));

    TaskPollLoopTest() {
        when(handler.handle(any())).thenAnswer(call -> {
            ConsumerRecord<?, ?> record = call.getArgument(0);
            return result((String) record.key(), ResultStatus.SUCCESS, null);
        });
        dispatcher.open();
        loop.subscribe(consumer);
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.rebalance(List.of(P0, P1));
    }

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void everyFetchedTaskEndsAsOneCommittedResultAndTheGroupHasNoLag() {
        for (long offset = 0; offset < 5; offset++) {
            consumer.addRecord(record(P0, offset));
        }
        consumer.addRecord(record(P1, 0));

        await().atMost(Duration.ofMinutes(1)).until(() -> {
            loop.iterate();
            return producer.history().size() == 6 && lastCommitted(P0) == 5 && lastCommitted(P1) == 1;
        });

        assertThat(producer.history()).extracting(r -> r.topic()).containsOnly("results");
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void onStopNoNewTaskStartsAndTheFinishedOnesAreCommitted() {
        consumer.addRecord(record(P0, 0));
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            loop.iterate();
            return producer.history().size() == 1;
        });
        consumer.addRecord(record(P0, 1));

        loop.requestStop();
        loop.iterate();
        loop.drain();

        assertThat(lastCommitted(P0)).isEqualTo(1);
        assertThat(producer.history()).hasSize(1);
        assertThat(consumer.paused()).contains(P0);
    }

    private long lastCommitted(org.apache.kafka.common.TopicPartition partition) {
        return producer.consumerGroupOffsetsHistory().stream()
                .flatMap(byGroup -> byGroup.values().stream())
                .filter(offsets -> offsets.containsKey(partition))
                .reduce((first, second) -> second)
                .map(offsets -> offsets.get(partition)).map(OffsetAndMetadata::offset).orElse(-1L);
    }
}
