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

import static io.obspipe.notifier.consume.RecordingAcknowledgment.poll;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RetryingSinkLaneTest {

    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(30));
    private static final Duration YIELD_AFTER = Duration.ofMinutes(2);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SinkMeters counts = new SinkMeters(meters);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void deliversEveryReadableResultInOrderAndAcknowledgesThePoll() {
        ScriptedSink sink = new ScriptedSink("recorder", RETRY);

        RecordingAcknowledgment ack = poll(lane(sink), Records.of(0, "a", "bad", "skip-b", "c"));

        assertThat(sink.delivered).containsExactly("a", "c");
        assertThat(ack.acknowledged).isTrue();
        assertThat(ack.nackIndex).isNull();
        assertThat(counts.deliveries("recorder", "delivered")).isEqualTo(2);
        assertThat(counts.deliveries("recorder", "skipped")).isEqualTo(1);
        assertThat(meters.get("pipeline.notifier.sink.latency").tag("sink", "recorder").timer().count()).isEqualTo(2);
    }

    @Test
    void aSinkWithoutRetriesGivesUpOnAFailedResultWithADeadLetterLineAndGoesOn(CapturedOutput output) {
        ScriptedSink broken = new ScriptedSink("broken", RetryPolicy.NONE).failing("a", ScriptedSink.ALWAYS).failing("failed-b", ScriptedSink.ALWAYS);

        RecordingAcknowledgment ack = poll(lane(broken), Records.of(0, "a", "failed-b", "c"));

        assertThat(broken.delivered).containsExactly("c");
        assertThat(ack.acknowledged).isTrue();
        assertThat(counts.deliveries("broken", "failed")).isEqualTo(2);
        assertThat(counts.deadLetters("broken")).isEqualTo(2);
        assertThat(output.getOut().lines().filter(line -> line.contains("gave up on the result")))
                .hasSize(2)
                .first().asString()
                .contains("sink broken gave up on the result of a.csv after 1 attempt: java.lang.IllegalStateException: sink broken is down");
        assertThat(output.getOut()).as("one line per failure, no stack trace").doesNotContain("SinkDelivery.deliver(");
    }

    @Test
    void aFailedResultIsHandedBackWithADoublingPauseAndOnlyItIsRetriedUntilItGoesThrough() {
        ScriptedSink flaky = new ScriptedSink("flaky", RETRY).failing("b", 3);
        SinkLane lane = lane(flaky);

        RecordingAcknowledgment first = poll(lane, Records.of(0, "a", "b", "c"));
        assertThat(first.acknowledged).isFalse();
        assertThat(first.nackIndex).as("a is committed, b and c are polled again").isEqualTo(1);
        assertThat(first.nackPause).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(poll(lane, Records.of(1, "b", "c")).nackPause).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(poll(lane, Records.of(1, "b", "c")).nackPause).isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(4));
        RecordingAcknowledgment last = poll(lane, Records.of(1, "b", "c"));

        assertThat(last.acknowledged).isTrue();
        assertThat(flaky.delivered).containsExactly("a", "b", "c");
        assertThat(flaky.attempts).as("c waits for b instead of being tried meanwhile").containsExactly("a", "b", "b", "b", "b", "c");
        assertThat(counts.deadLetters("flaky")).isZero();
    }

    @Test
    void afterItsBudgetTheLaneGivesUpOnTheResultAndDeliversTheNextOnes(CapturedOutput output) {
        ScriptedSink down = new ScriptedSink("down", RETRY).failing("b", ScriptedSink.ALWAYS);
        SinkLane lane = lane(down);
        poll(lane, Records.of(0, "a", "b", "c"));

        RecordingAcknowledgment ack = null;
        int polls = 1;
        while (ack == null || !ack.acknowledged) {
            clock.advance(ack == null ? Duration.ofSeconds(1) : ack.nackPause);
            ack = poll(lane, Records.of(1, "b", "c"));
            polls++;
        }

        assertThat(down.delivered).containsExactly("a", "c");
        assertThat(polls).as("pauses of 1, 2, 4, 4, ... s until 30 s have passed").isEqualTo(10);
        assertThat(counts.deadLetters("down")).isEqualTo(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("sink down gave up on the result of b.csv after 10 attempts")))
                .singleElement().asString()
                .as("the dead-letter record holds the whole result").contains("\"task_id\":\"b\"", "\"worker_id\":\"worker-a\"");
    }

    @Test
    void aRefusedResultIsGivenUpOnAtOnce() {
        ScriptedSink refusing = new ScriptedSink("refusing", RETRY).refusing("b");

        RecordingAcknowledgment ack = poll(lane(refusing), Records.of(0, "a", "b", "c"));

        assertThat(ack.acknowledged).isTrue();
        assertThat(refusing.attempts).containsExactly("a", "b", "c");
        assertThat(counts.deadLetters("refusing")).isEqualTo(1);
    }

    @Test
    void aSlowSinkHandsTheRestOfAPollBackBeforeMaxPollIntervalRunsOut() {
        ScriptedSink slow = new ScriptedSink("slow", RETRY).taking(Duration.ofSeconds(50), clock);

        RecordingAcknowledgment ack = poll(lane(slow), Records.of(0, "a", "b", "c", "d"));

        assertThat(slow.delivered).containsExactly("a", "b", "c");
        assertThat(ack.nackIndex).isEqualTo(3);
        assertThat(ack.nackPause).isZero();
    }

    private SinkLane lane(ScriptedSink sink) {
        return SinkLane.of(sink, new SinkDelivery(sink, new ResultRecordDecoder(meters), Records.TOPICS, meters, clock), YIELD_AFTER, null, clock);
    }
}
