package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.obspipe.worker.consume.ConsumeFixtures.P0;
import static io.obspipe.worker.consume.ConsumeFixtures.P1;
import static io.obspipe.worker.consume.ConsumeFixtures.consumerOf;
import static io.obspipe.worker.consume.ConsumeFixtures.metrics;
import static io.obspipe.worker.consume.ConsumeFixtures.outgoing;
import static io.obspipe.worker.consume.ConsumeFixtures.record;
import static io.obspipe.worker.consume.ConsumeFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/** What the poll loop commits and when, with a transactional committer on kafka-clients' MockProducer. */
class CommitScheduleTest {

    private final MockConsumer<String, String> consumer = consumerOf(P0, P1);
    private final List<MockProducer<String, String>> producers = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final CommitSchedule commits = new CommitSchedule(new TransactionalCommitter(() -> {
        producers.add(ConsumeFixtures.producer());
        return producers.get(producers.size() - 1);
    }, outgoing()), metrics(), now::get);
    private final AssignedPartitions partitions = new AssignedPartitions(10);

    CommitScheduleTest() {
        partitions.assign(List.of(P0, P1));
    }

    @Test
    void theFinishedPrefixOfEachPartitionIsCommittedWithItsResults() {
        List<PartitionWork.Slot> slots = start(P0, 0, 1, 2);
        finish(slots.get(0));
        finish(slots.get(2));

        commits.commitNow(consumer, partitions);

        // P1 fetched nothing yet: it is committed at the consumer's position once
        assertThat(committedOffsets()).containsExactly(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(0)));
        assertThat(producer().history()).extracting(r -> r.topic() + ":" + r.key()).containsExactly("results:file-0-0.csv");
        assertThat(partitions.get(P0).restartOffset()).isEqualTo(1);
    }

    @Test
    void aDrainedPartitionIsCommittedAtTheConsumerPositionPastTransactionMarkers() {
        // tasks at 0 and 1; the transactional producer's commit marker at 2 moves the position to 3
        consumer.seek(P0, 3);
        consumer.seek(P1, 6);
        List<PartitionWork.Slot> drained = start(P0, 0, 1);
        drained.forEach(this::finish);
        List<PartitionWork.Slot> notDrained = start(P1, 4, 5);
        finish(notDrained.get(0));

        commits.commitNow(consumer, partitions);

        assertThat(committedOffsets()).containsExactly(Map.of(P0, new OffsetAndMetadata(3), P1, new OffsetAndMetadata(5)));
    }

    @Test
    void finishedTasksAreBatchedForTheCommitInterval() {
        finish(start(P0, 0).get(0));
        assertThat(commits.commitIfDue(consumer, partitions)).isTrue();

        finish(start(P0, 1).get(0));
        now.addAndGet(CommitSchedule.INTERVAL.toNanos() - 1);
        assertThat(commits.commitIfDue(consumer, partitions)).isFalse();
        now.addAndGet(1);
        assertThat(commits.commitIfDue(consumer, partitions)).isTrue();

        assertThat(committedOffsets()).containsExactly(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(0)),
                Map.of(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void afterAFailedCommitTheNextAttemptWaitsADoublingPause() {
        finish(start(P0, 0).get(0));
        commits.commitNow(consumer, partitions);                   // creates the producer
        finish(start(P0, 1).get(0));
        producer().commitTransactionException = new KafkaException("broker unavailable");

        commits.commitUnlessPausing(consumer, partitions);           // fails: pause 100 ms
        now.addAndGet(Duration.ofMillis(99).toNanos());
        commits.commitUnlessPausing(consumer, partitions);           // still pausing: no attempt
        assertThat(producer().transactionAborted()).isTrue();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        commits.commitUnlessPausing(consumer, partitions);           // fails again: pause 200 ms
        now.addAndGet(Duration.ofMillis(199).toNanos());
        producer().commitTransactionException = null;
        commits.commitUnlessPausing(consumer, partitions);
        assertThat(committedOffsets()).hasSize(1);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        commits.commitUnlessPausing(consumer, partitions);
        assertThat(committedOffsets()).last().isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
        assertThat(commits.resyncNeeded()).isFalse();
    }

    @Test
    void aFencedProducerDropsTheUnfinishedWorkAndRestartsFromTheCommittedOffsets() {
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(4)));
        List<PartitionWork.Slot> slots = start(P0, 4, 5);
        finish(slots.get(0));
        commits.commitNow(consumer, partitions);                   // creates the producer
        finish(slots.get(1));
        producer().fenceProducer();

        commits.commitNow(consumer, partitions);

        assertThat(commits.resyncNeeded()).isTrue();
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
        commits.resyncIfNeeded(consumer, partitions);
        assertThat(commits.resyncNeeded()).isFalse();
        assertThat(consumer.position(P0)).isEqualTo(4);
        assertThat(partitions.get(P0).idle()).isTrue();
    }

    private List<PartitionWork.Slot> start(TopicPartition partition, long... offsets) {
        PartitionWork work = partitions.get(partition);
        List<PartitionWork.Slot> slots = new ArrayList<>();
        for (long offset : offsets) {
            work.enqueue(List.of(record(partition, offset)));
            slots.add(work.startNext());
        }
        return slots;
    }

    private void finish(PartitionWork.Slot slot) {
        slot.complete(succeeded(slot.record()));
    }

    private MockProducer<String, String> producer() {
        return producers.get(producers.size() - 1);
    }

    private List<Map<TopicPartition, OffsetAndMetadata>> committedOffsets() {
        return producers.stream().flatMap(p -> p.consumerGroupOffsetsHistory().stream())
                .flatMap(byGroup -> byGroup.values().stream()).toList();
    }
}
