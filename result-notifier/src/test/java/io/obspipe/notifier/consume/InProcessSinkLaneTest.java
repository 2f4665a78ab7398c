package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.model.Analysis;
import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.summary.RunningSummary;
import io.obspipe.notifier.support.ResultsTopic;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import io.obspipe.notifier.sink.metrics.ResultMetricsSink;
import io.obspipe.notifier.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class InProcessSinkLaneTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ResultRecordDecoder decoder = new ResultRecordDecoder(meters);
    private final List<KeyPoolStatus> keyPool = new ArrayList<>();
    /** The container commits the lane's polls by time and hands it no acknowledgment. */
    private static final Acknowledgment NO_ACKNOWLEDGMENT = null;

    @Test
    void everySinkOfTheLaneGetsEachResultInOrderAndAnUnreadableRecordIsReportedOnce(CapturedOutput output) {
        ScriptedSink first = new ScriptedSink("first", RetryPolicy.NONE);
        ScriptedSink second = new ScriptedSink("second", RetryPolicy.NONE);

        lane(first, new ResultMetricsSink(meters), second).onMessage(Records.of(0, "a", "bad", "skip-b", "c"), NO_ACKNOWLEDGMENT);

        assertThat(first.delivered).containsExactly("a", "c");
        assertThat(second.delivered).containsExactly("a", "c");
        assertThat(meters.get("pipeline.notifier.results").tag("status", "success").counter().count())
                .as("the metrics sink counted every readable result, skip-b included").isEqualTo(3);
        assertThat(meters.get("pipeline.notifier.results.invalid").counter().count()).isEqualTo(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("skipped an unreadable result record"))).hasSize(1);
    }

    @Test
    void eachSinkIsToldThatThePollEndedAfterItsLastResult() {
        List<String> calls = new ArrayList<>();
        ResultSink recording = new ResultSink() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void deliver(ProcessingResult result) {
                calls.add(result.taskId());
            }

            @Override
            public void endOfPoll() {
                calls.add("end of poll");
            }
        };

        lane(recording).onMessage(Records.of(0, "a", "b"), NO_ACKNOWLEDGMENT);
        lane(recording).onMessage(Records.of(2, "c"), NO_ACKNOWLEDGMENT);

        assertThat(calls).containsExactly("a", "b", "end of poll", "c", "end of poll");
    }

    @Test
    void aSinkThatFailsLosesOnlyItsOwnDeliveryAndTheOthersGetTheResult(CapturedOutput output) {
        ScriptedSink broken = new ScriptedSink("broken", RetryPolicy.NONE).failing("b", ScriptedSink.ALWAYS);
        ScriptedSink healthy = new ScriptedSink("healthy", RetryPolicy.NONE);

        lane(broken, healthy).onMessage(Records.of(0, "a", "b", "c"), NO_ACKNOWLEDGMENT);

        assertThat(healthy.delivered).containsExactly("a", "b", "c");
        assertThat(broken.attempts).as("an in-process sink is not retried").containsExactly("a", "b", "c");
        assertThat(broken.delivered).containsExactly("a", "c");
        assertThat(meters.get("pipeline.notifier.sink.dead_letters").tag("sink", "broken").counter().count()).isEqualTo(1);
        assertThat(meters.get("pipeline.notifier.sink.deliveries").tag("sink", "healthy").tag("outcome", "delivered").counter().count())
                .isEqualTo(3);
        assertThat(output.getOut()).contains("sink broken gave up on the result of b.csv after 1 attempt");
    }

    @Test
    void analysesAreCountedApartAndReachOnlyTheSinksThatReadThemAndKeyPoolSnapshotsTheirSinks(CapturedOutput output) {
        RunningSummary summary = new RunningSummary(clock);
        ScriptedSink resultsOnly = new ScriptedSink("results-only", RetryPolicy.NONE);
        ProcessingResult processed = ResultsTopic.result("a", ResultStatus.SUCCESS, "a.csv");
        Analysis answered = new Analysis(ResultStatus.SUCCESS, "gpt-test", "key-1", 800L, 1, 10, 20, "fine", null, null, null, clock.instant());
        Analysis refused = new Analysis(ResultStatus.FAILED, "gpt-test", "key-2", 90L, 3, null, null, null, null,
                "every key was rate limited", AnalysisErrorCode.RATE_LIMITED, clock.instant());
        KeyPoolStatus pool = new KeyPoolStatus(clock.instant(), "analysis-1", "least_loaded", 0, 50,
                List.of(new KeyPoolStatus.KeyState("key-1", "active", 1, 0, 12, null, 1.0)));

        lane(new ResultMetricsSink(meters), summary, resultsOnly).onMessage(List.of(
                Records.on("results", 0, MessageCodec.encodeToString(processed)),
                Records.on("analyses", 0, MessageCodec.encodeToString(processed.withAnalysis(answered))),
                Records.on("analyses", 1, MessageCodec.encodeToString(processed.withAnalysis(refused))),
                Records.on("analyses", 2, MessageCodec.encodeToString(processed)),
                Records.on("key-pool", 0, MessageCodec.encodeToString(pool))), NO_ACKNOWLEDGMENT);

        assertThat(meters.get("pipeline.notifier.results").counters()).as("the result only, not its analyses")
                .singleElement().satisfies(counter -> assertThat(counter.count()).isEqualTo(1));
        assertThat(summary.snapshot().total()).isEqualTo(1);
        assertThat(meters.get("pipeline.notifier.analyses").tag("status", "success").counter().count()).isEqualTo(1);
        assertThat(meters.get("pipeline.notifier.analyses").tag("status", "failed").tag("error_code", "rate_limited").counter().count())
                .isEqualTo(1);
        assertThat(resultsOnly.delivered).containsExactly("a");
        assertThat(meters.get("pipeline.notifier.sink.deliveries").tag("sink", "results-only").tag("outcome", "delivered").counter().count())
                .isEqualTo(1);
        assertThat(keyPool).containsExactly(pool);
        assertThat(output.getOut()).contains("skipped an unreadable analysis record (topic analyses, partition 0, offset 2): "
                + "analysis event has no 'analysis' field");
    }

    private SinkLane lane(ResultSink... sinks) {
        return new InProcessSinkLane(List.of(sinks).stream().map(sink -> new SinkDelivery(sink, decoder, Records.TOPICS, meters, clock)).toList(),
                List.of(keyPool::add), decoder, Records.TOPICS);
    }
}
