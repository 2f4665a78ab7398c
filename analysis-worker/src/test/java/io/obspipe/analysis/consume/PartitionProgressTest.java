package io.obspipe.analysis.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {

    final PartitionProgress progress = new PartitionProgress(new TopicPartition("results", 0));

    private PendingResult add(long offset, boolean toAnalyse) {
        PendingResult pending = new PendingResult(new ConsumerRecord<>("results", 0, offset, "k" + offset, "v"), null, 0);
        if (!toAnalyse) {
            pending.finish(null);
        }
        progress.add(pending, toAnalyse);
        return pending;
    }

    @Test
    void onlyTheDonePrefixIsCommittableSoASlowAnalysisHoldsBackTheOffsetsAfterIt() {
        add(10, false);
        PendingResult slow = add(11, true);
        PendingResult quick = add(12, true);
        add(13, false);
        progress.nextToStart();
        progress.nextToStart();
        quick.finish(new ProducerRecord<>("analysis", "k12", "done"));

        assertThat(progress.donePrefix()).extracting(p -> p.record().offset()).containsExactly(10L);
        assertThat(progress.anyRunning()).isTrue();

        slow.finish(new ProducerRecord<>("analysis", "k11", "done"));

        assertThat(progress.donePrefix()).extracting(p -> p.record().offset()).containsExactly(10L, 11L, 12L, 13L);
        assertThat(progress.anyRunning()).isFalse();
        progress.committedThrough(13);
        assertThat(progress.pendingCount()).isZero();
    }

    @Test
    void resultsNotYetTakenByAThreadAreNotRunningAndStayOutOfThePrefix() {
        add(0, true);

        assertThat(progress.hasToStart()).isTrue();
        assertThat(progress.anyRunning()).isFalse();
        assertThat(progress.donePrefix()).isEmpty();
    }
}
