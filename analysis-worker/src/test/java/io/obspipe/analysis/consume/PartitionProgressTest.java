package io.obspipe.analysis.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {

    final PartitionProgress progress = new PartitionProgress(new TopicPartition("results", 0));

    private PendingResult add(long offset, String key, boolean toAnalyse) {
        PendingResult pending = new PendingResult(new ConsumerRecord<>("results", 0, offset, key, "v"), null, 0);
        if (!toAnalyse) {
            pending.finish(null);
        }
        progress.add(pending, toAnalyse);
        if (toAnalyse) {
            progress.nextToStart();
        }
        return pending;
    }

    private static void done(PendingResult pending) {
        pending.finish(new ProducerRecord<>("analysis", pending.record().key(), "analysed " + pending.record().offset()));
    }

    private static long[] offsets(PartitionProgress.Commit commit) {
        return commit.published().stream().mapToLong(p -> p.record().offset()).toArray();
    }

    @Test
    void aDoneAnalysisIsPublishedAtOnceWhileTheOffsetWaitsAtTheSlowerEarlierOne() {
        add(10, "a", false);
        PendingResult slow = add(11, "b", true);
        PendingResult quick = add(12, "c", true);
        add(13, "d", false);
        done(quick);

        PartitionProgress.Commit first = progress.nextCommit();

        assertThat(offsets(first)).containsExactly(12L);
        assertThat(first.offset()).isEqualTo(11);
        assertThat(PublishedAhead.decode(11, first.metadata())).containsExactly(12L);
        progress.committed(first);
        assertThat(progress.nextCommit()).as("nothing new to commit").isNull();
        assertThat(progress.anyRunning()).isTrue();

        done(slow);
        PartitionProgress.Commit second = progress.nextCommit();

        assertThat(offsets(second)).as("the quick one is not published twice").containsExactly(11L);
        assertThat(second.offset()).isEqualTo(14);
        assertThat(second.metadata()).isEmpty();
        progress.committed(second);
        assertThat(progress.pendingCount()).isZero();
        assertThat(progress.anyRunning()).isFalse();
    }

    @Test
    void anEventWaitsForAnEarlierResultWithTheSameKeySoOneKeysEventsKeepTheirOrder() {
        PendingResult older = add(0, "same", true);
        PendingResult newer = add(1, "same", true);
        PendingResult other = add(2, "other", true);
        done(newer);
        done(other);

        assertThat(offsets(progress.nextCommit())).containsExactly(2L);

        done(older);

        assertThat(offsets(progress.nextCommit())).containsExactly(0L, 1L, 2L);
    }

    @Test
    void afterARestoreTheResultsPublishedPastTheCommittedOffsetAreKnownAndStayInTheMetadata() {
        progress.restore(new TreeSet<>(java.util.List.of(12L, 14L)));
        PendingResult first = add(11, "a", true);

        assertThat(progress.publishedAlready(12)).isTrue();
        assertThat(progress.publishedAlready(13)).isFalse();
        done(first);
        PartitionProgress.Commit commit = progress.nextCommit();

        assertThat(commit.offset()).isEqualTo(12);
        assertThat(PublishedAhead.decode(12, commit.metadata())).containsExactly(12L, 14L);
    }

    @Test
    void eventsFartherPastTheCommittedOffsetThanTheMetadataCanNameWait() {
        PendingResult slow = add(0, "a", true);
        PendingResult near = add(PublishedAhead.MAX_SPAN - 1, "b", true);
        PendingResult far = add(PublishedAhead.MAX_SPAN, "c", true);
        done(near);
        done(far);

        assertThat(offsets(progress.nextCommit())).containsExactly(PublishedAhead.MAX_SPAN - 1L);

        done(slow);

        assertThat(offsets(progress.nextCommit())).containsExactly(0L, PublishedAhead.MAX_SPAN - 1L, (long) PublishedAhead.MAX_SPAN);
    }

    @Test
    void resultsNotYetTakenByAThreadAreNotRunningAndNothingIsCommittable() {
        progress.add(new PendingResult(new ConsumerRecord<>("results", 0, 0, "k", "v"), null, 0), true);

        assertThat(progress.hasToStart()).isTrue();
        assertThat(progress.anyRunning()).isFalse();
        assertThat(progress.nextCommit()).isNull();
    }
}
