package io.obspipe.notifier.summary;

import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RunningSummaryTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final RunningSummary summary = new RunningSummary(clock);

    @Test
    void beforeAnyResultEverythingIsZeroAndThereIsNoLastResult() {
        clock.advance(Duration.ofSeconds(5));

        SummarySnapshot snapshot = summary.snapshot();

        assertThat(snapshot).isEqualTo(new SummarySnapshot(0, 0, 0, 0.0, 0.0, START, null, null));
    }

    @Test
    void countsResultsByStatusAndRemembersWhenTheLastOneArrived() {
        record(ResultStatus.SUCCESS, 3);
        clock.advance(Duration.ofSeconds(2));
        record(ResultStatus.FAILED, 1);

        SummarySnapshot snapshot = summary.snapshot();

        assertThat(snapshot.succeeded()).isEqualTo(3);
        assertThat(snapshot.failed()).isEqualTo(1);
        assertThat(snapshot.total()).isEqualTo(4);
        assertThat(snapshot.startedAt()).isEqualTo(START);
        assertThat(snapshot.lastResultAt()).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void wholeRunRateIsTotalOverTimeSinceStart() {
        clock.advance(Duration.ofSeconds(10));
        record(ResultStatus.SUCCESS, 5);
        clock.advance(Duration.ofSeconds(10));

        assertThat(summary.snapshot().filesPerSecond()).isEqualTo(0.25);
    }

    @Test
    void lastMinuteRateCountsOnlyTheLastSixtySeconds() {
        clock.advance(Duration.ofMillis(120_500));
        record(ResultStatus.SUCCESS, 30);

        clock.advance(Duration.ofMillis(29_500));
        SummarySnapshot halfAMinuteLater = summary.snapshot();
        assertThat(halfAMinuteLater.lastMinuteFilesPerSecond()).isEqualTo(0.5);
        assertThat(halfAMinuteLater.filesPerSecond()).isEqualTo(0.2);

        clock.advance(Duration.ofSeconds(31));
        SummarySnapshot overAMinuteLater = summary.snapshot();
        assertThat(overAMinuteLater.lastMinuteFilesPerSecond()).isZero();
        assertThat(overAMinuteLater.filesPerSecond()).isEqualTo(0.166);
        assertThat(overAMinuteLater.total()).isEqualTo(30);
    }

    @Test
    void aSecondOfTheNextMinuteReplacesTheSameSecondOfTheMinuteBefore() {
        clock.advance(Duration.ofSeconds(65));
        record(ResultStatus.SUCCESS, 6);
        clock.advance(Duration.ofSeconds(60));
        record(ResultStatus.FAILED, 3);

        SummarySnapshot snapshot = summary.snapshot();

        assertThat(snapshot.lastMinuteFilesPerSecond()).isEqualTo(0.05);
        assertThat(snapshot.total()).isEqualTo(9);
    }

    @Test
    void inTheFirstMinuteRatesDivideByTheTimeSinceStartButAtLeastOneSecond() {
        clock.advance(Duration.ofMillis(200));
        record(ResultStatus.SUCCESS, 2);
        clock.advance(Duration.ofMillis(300));

        SummarySnapshot afterHalfASecond = summary.snapshot();
        assertThat(afterHalfASecond.filesPerSecond()).isEqualTo(2.0);
        assertThat(afterHalfASecond.lastMinuteFilesPerSecond()).isEqualTo(2.0);

        clock.advance(Duration.ofMillis(9_500));
        SummarySnapshot afterTenSeconds = summary.snapshot();
        assertThat(afterTenSeconds.filesPerSecond()).isEqualTo(0.2);
        assertThat(afterTenSeconds.lastMinuteFilesPerSecond()).isEqualTo(0.2);
    }

    @Test
    void throughputCountsResultsByStatusPer10SecondsOverTheLast10MinutesOldestFirst() {
        clock.advance(Duration.ofSeconds(5));
        record(ResultStatus.SUCCESS, 2);
        clock.advance(Duration.ofSeconds(10));
        record(ResultStatus.FAILED, 1);
        record(ResultStatus.SUCCESS, 1);

        ThroughputSnapshot throughput = summary.throughput();

        assertThat(throughput.bucketSeconds()).isEqualTo(10);
        assertThat(throughput.buckets()).hasSize(60);
        assertThat(throughput.buckets().get(58)).isEqualTo(new ThroughputSnapshot.Bucket(START, 2, 0));
        assertThat(throughput.buckets().get(59)).isEqualTo(new ThroughputSnapshot.Bucket(START.plusSeconds(10), 1, 1));
        assertThat(throughput.buckets().subList(0, 58)).allMatch(bucket -> bucket.succeeded() + bucket.failed() == 0);

        clock.advance(Duration.ofMinutes(10));
        assertThat(summary.throughput().buckets()).as("older than 10 minutes").allMatch(bucket -> bucket.succeeded() + bucket.failed() == 0);
        assertThat(summary.throughput().buckets().get(59).start()).isEqualTo(START.plus(Duration.ofSeconds(610)));
    }

    private void record(ResultStatus status, int times) {
        for (int i = 0; i < times; i++) {
            summary.record(status);
        }
    }
}
