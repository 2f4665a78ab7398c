package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import io.obspipe.notifier.sink.metrics.ResultMetricsSink;
import io.obspipe.notifier.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class InProcessSinkLaneTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ResultRecordDecoder decoder = new ResultRecordDecoder(meters);

    @Test
    void everySinkOfTheLaneGetsEachResultInOrderAndAnUnreadableRecordIsReportedOnce(CapturedOutput output) {
        ScriptedSink first = new ScriptedSink("first", RetryPolicy.NONE);
        ScriptedSink second = new ScriptedSink("second", RetryPolicy.NONE);
        RecordingAcknowledgment ack = new RecordingAcknowledgment();

        lane(first, new ResultMetricsSink(meters), second).onMessage(Records.of(0, "a", "bad", "skip-b", "c"), ack);

        assertThat(first.delivered).containsExactly("a", "c");
        assertThat(second.delivered).containsExactly("a", "c");
        assertThat(meters.get("pipeline.notifier.results").tag("status", "success").counter().count())
                .as("the metrics sink counted every readable result, skip-b included").isEqualTo(3);
        assertThat(meters.get("pipeline.notifier.results.invalid").counter().count()).isEqualTo(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("skipped an unreadable result record"))).hasSize(1);
        assertThat(ack.acknowledged).isTrue();
    }

    @Test
    void aSinkThatFailsLosesOnlyItsOwnDeliveryAndTheOthersGetTheResult(CapturedOutput output) {
        ScriptedSink broken = new ScriptedSink("broken", RetryPolicy.NONE).failing("b", ScriptedSink.ALWAYS);
        ScriptedSink healthy = new ScriptedSink("healthy", RetryPolicy.NONE);
        RecordingAcknowledgment ack = new RecordingAcknowledgment();

        lane(broken, healthy).onMessage(Records.of(0, "a", "b", "c"), ack);

        assertThat(healthy.delivered).containsExactly("a", "b", "c");
        assertThat(broken.attempts).as("an in-process sink is not retried").containsExactly("a", "b", "c");
        assertThat(broken.delivered).containsExactly("a", "c");
        assertThat(meters.get("pipeline.notifier.sink.dead_letters").tag("sink", "broken").counter().count()).isEqualTo(1);
        assertThat(meters.get("pipeline.notifier.sink.deliveries").tag("sink", "healthy").tag("outcome", "delivered").counter().count())
                .isEqualTo(3);
        assertThat(output.getOut()).contains("sink broken gave up on the result of b.csv after 1 attempt");
        assertThat(ack.acknowledged).isTrue();
        assertThat(ack.nackIndex).isNull();
    }

    private SinkLane lane(ResultSink... sinks) {
        return new InProcessSinkLane(List.of(sinks).stream().map(sink -> new SinkDelivery(sink, decoder, meters, clock)).toList(), decoder);
    }
}
