package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.BufferingSink;
import io.obspipe.notifier.sink.RetryPolicy;
import io.obspipe.notifier.support.MutableClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class BufferingSinkLaneTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(START);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final DigestSink sink = new DigestSink();
    private final SinkLane lane = SinkLane.of(sink, new SinkDelivery(sink, new ResultRecordDecoder(meters), Records.TOPICS, meters, clock),
            Duration.ofMinutes(2), scheduler, clock);

    @Test
    void pollsWithNothingToBufferAreAcknowledgedAtOnce() {
        RecordingAcknowledgment ack = poll(Records.of(0, "a", "b"));

        assertThat(ack.acknowledged).isTrue();
        assertThat(scheduler.nothingPending()).isTrue();
        assertThat(deliveries("skipped")).isEqualTo(2);
    }

    @Test
    void theLaneKeepsReadingButCommitsNothingFromTheFirstBufferedResultOnUntilTheBufferIsSent() {
        RecordingAcknowledgment first = poll(Records.of(0, "a", "failed-1"));
        clock.advance(Duration.ofMinutes(1));
        RecordingAcknowledgment second = poll(Records.of(2, "b", "failed-2"));
        RecordingAcknowledgment third = poll(Records.of(4, "c"));

        assertThat(List.of(first, second, third)).noneMatch(ack -> ack.acknowledged || ack.nackIndex != null);
        ManualScheduler.Task flush = scheduler.pending();
        assertThat(flush.at).as("one interval after the first buffered result").isEqualTo(START.plus(INTERVAL));
        assertThat(sink.sent).isEmpty();

        flush.run();

        assertThat(sink.sent).containsExactly(List.of("failed-1", "failed-2"));
        assertThat(List.of(first, second, third)).allMatch(ack -> ack.acknowledged);
        assertThat(poll(Records.of(5, "d")).acknowledged).as("an empty buffer holds nothing back").isTrue();
    }

    @Test
    void aFailedSendIsRetriedWithBackOffAndTheOffsetsWaitForIt(CapturedOutput output) {
        sink.failures = 2;
        RecordingAcknowledgment ack = poll(Records.of(0, "failed-1"));

        scheduler.pending().run();
        ManualScheduler.Task retry = scheduler.pending();
        assertThat(retry.at).isEqualTo(START.plusSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        RecordingAcknowledgment meanwhile = poll(Records.of(1, "failed-2"));
        retry.run();
        assertThat(scheduler.pending().at).isEqualTo(START.plusSeconds(30));
        assertThat(ack.acknowledged).isFalse();

        clock.advance(Duration.ofSeconds(20));
        scheduler.pending().run();

        assertThat(sink.sent).containsExactly(List.of("failed-1", "failed-2"));
        assertThat(ack.acknowledged).isTrue();
        assertThat(meanwhile.acknowledged).isTrue();
        assertThat(output.getOut()).contains("sink digest could not send its buffer of 1 results (attempt 1), retrying in PT10S");
    }

    @Test
    void afterItsBudgetTheLaneDropsTheBufferWithADeadLetterRecordAndCommits(CapturedOutput output) {
        sink.failures = Integer.MAX_VALUE;
        RecordingAcknowledgment ack = poll(Records.of(0, "failed-1", "failed-2"));

        while (!ack.acknowledged) {
            ManualScheduler.Task next = scheduler.pending();
            clock.advance(Duration.between(clock.instant(), next.at));
            next.run();
        }

        assertThat(sink.sent).isEmpty();
        assertThat(sink.buffer).isEmpty();
        assertThat(meters.get("pipeline.notifier.sink.dead_letters").tag("sink", "digest").counter().count()).isEqualTo(2);
        assertThat(output.getOut().lines().filter(line -> line.contains("sink digest gave up on 2 buffered results after 6 attempts")))
                .singleElement().asString()
                .as("the dead-letter record holds what was dropped").contains("failed-1, failed-2");
    }

    @Test
    void beforeStoppingTheLaneSendsItsBufferSoTheHeldOffsetsAreCommitted() {
        RecordingAcknowledgment ack = poll(Records.of(0, "failed-1"));

        lane.beforeStop();

        assertThat(sink.sent).containsExactly(List.of("failed-1"));
        assertThat(ack.acknowledged).isTrue();
        assertThat(scheduler.nothingPending()).isTrue();
    }

    private RecordingAcknowledgment poll(List<ConsumerRecord<String, byte[]>> records) {
        RecordingAcknowledgment ack = new RecordingAcknowledgment();
        lane.onMessage(records, ack);
        return ack;
    }

    private double deliveries(String outcome) {
        return meters.get("pipeline.notifier.sink.deliveries").tag("sink", "digest").tag("outcome", outcome).counter().count();
    }

    /** Buffers failed results' task ids and "sends" them as one list; fails the given number of sends first. */
    private static final class DigestSink implements BufferingSink {

        final List<String> buffer = new ArrayList<>();
        final List<List<String>> sent = new ArrayList<>();
        int failures;

        @Override
        public String name() {
            return "digest";
        }

        @Override
        public boolean accepts(ProcessingResult result) {
            return result.status() == ResultStatus.FAILED;
        }

        @Override
        public void deliver(ProcessingResult result) {
            buffer.add(result.taskId());
        }

        @Override
        public Duration flushInterval() {
            return INTERVAL;
        }

        @Override
        public int buffered() {
            return buffer.size();
        }

        @Override
        public void flush() {
            if (failures-- > 0) {
                throw new IllegalStateException("mail server down");
            }
            sent.add(List.copyOf(buffer));
            buffer.clear();
        }

        @Override
        public String discard() {
            String dropped = String.join(", ", buffer);
            buffer.clear();
            return dropped;
        }

        @Override
        public RetryPolicy retryPolicy() {
            return new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(3));
        }
    }
}
