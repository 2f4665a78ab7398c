package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.notifier.sink.RetryPolicy;
import io.obspipe.notifier.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.obspipe.notifier.consume.RecordingAcknowledgment.poll;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class BatchSinkLaneTest {

    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(30));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SinkMeters counts = new SinkMeters(meters);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aPollIsOneBatchOfItsReadableAcceptedResults() {
        ScriptedBatchSink sink = new ScriptedBatchSink("rows", RETRY);

        RecordingAcknowledgment ack = poll(lane(sink), Records.of(0, "a", "bad", "skip-b", "c"));

        assertThat(sink.batches).containsExactly(List.of("a", "c"));
        assertThat(sink.attempts).as("nothing one by one").isEmpty();
        assertThat(ack.acknowledged).isTrue();
        assertThat(counts.deliveries("rows", "delivered")).isEqualTo(2);
        assertThat(counts.deliveries("rows", "skipped")).isEqualTo(1);
    }

    @Test
    void aFailedBatchIsHandedBackWholeWithADoublingPauseUntilItGoesThrough() {
        ScriptedBatchSink flaky = new ScriptedBatchSink("flaky", RETRY).failingBatches(2);
        SinkLane lane = lane(flaky);

        RecordingAcknowledgment first = poll(lane, Records.of(0, "a", "b"));
        assertThat(first.acknowledged).isFalse();
        assertThat(first.nackIndex).as("nothing is committed").isZero();
        assertThat(first.nackPause).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(poll(lane, Records.of(0, "a", "b", "c")).nackPause).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        RecordingAcknowledgment last = poll(lane, Records.of(0, "a", "b", "c"));

        assertThat(last.acknowledged).isTrue();
        assertThat(flaky.delivered).containsExactly("a", "b", "c");
        assertThat(counts.deadLetters("flaky")).isZero();
    }

    @Test
    void afterItsBudgetTheLaneGivesUpOnEveryResultOfTheBatchWithADeadLetterLineEach(CapturedOutput output) {
        ScriptedBatchSink down = new ScriptedBatchSink("down", RETRY).failingBatches(ScriptedSink.ALWAYS);
        SinkLane lane = lane(down);

        RecordingAcknowledgment ack = poll(lane, Records.of(0, "a", "b"));
        int polls = 1;
        while (!ack.acknowledged) {
            clock.advance(ack.nackPause);
            ack = poll(lane, Records.of(0, "a", "b"));
            polls++;
        }

        assertThat(polls).as("pauses of 1, 2, 4, 4, ... s until 30 s have passed").isEqualTo(10);
        assertThat(counts.deadLetters("down")).isEqualTo(2);
        assertThat(output.getOut().lines().filter(line -> line.contains("sink down gave up on the result of")))
                .hasSize(2).allMatch(line -> line.contains("after 10 attempts"));
    }

    @Test
    void aRefusedBatchIsDeliveredOneByOneSoThatOnlyTheRefusedResultIsGivenUpOn() {
        ScriptedBatchSink refusing = new ScriptedBatchSink("refusing", RETRY);
        refusing.refusingBatchesWith("b").refusing("b");

        RecordingAcknowledgment ack = poll(lane(refusing), Records.of(0, "a", "b", "c"));

        assertThat(ack.acknowledged).isTrue();
        assertThat(refusing.attempts).containsExactly("a", "b", "c");
        assertThat(refusing.delivered).containsExactly("a", "c");
        assertThat(counts.deadLetters("refusing")).isEqualTo(1);
    }

    private SinkLane lane(ScriptedBatchSink sink) {
        return SinkLane.of(sink, new SinkDelivery(sink, new ResultRecordDecoder(meters), Records.TOPICS, meters, clock),
                Duration.ofMinutes(2), null, clock);
    }
}
