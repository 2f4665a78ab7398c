package io.obspipe.notifier.consume;

import io.obspipe.notifier.config.NotifierProperties;
import io.obspipe.notifier.sink.BatchSink;
import io.obspipe.notifier.sink.BufferingSink;
import io.obspipe.notifier.sink.ResultSink;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.scheduling.TaskScheduler;

import java.time.Clock;
import java.time.Duration;

/**
 * One sink's own path from the results topic: the listener of the sink's own consumer group
 * ({@link SinkConsumers}), which hands the sink each result of a poll in order, retries a failed one
 * with back-off, gives up to a dead-letter record after the sink's budget ({@link SinkDelivery}),
 * and acknowledges the poll so its offsets are committed only once the sink delivered or gave up on
 * every result of it. Because every sink has its own group, a slow or failing sink only falls behind
 * itself: the other sinks keep reading, and each sink resumes after a crash from its own committed
 * offsets (at-least-once per sink).
 */
abstract sealed class SinkLane implements BatchAcknowledgingMessageListener<String, byte[]>
        permits RetryingSinkLane, BatchSinkLane, BufferingSinkLane, InProcessSinkLane {

    /**
     * The lane of a sink.
     *
     * @param yieldAfter how long a lane works on one poll before it hands the rest back to be polled again,
     *                   to keep well within max.poll.interval.ms
     */
    static SinkLane of(ResultSink sink, SinkDelivery delivery, Duration yieldAfter, TaskScheduler scheduler, Clock clock) {
        if (sink instanceof BufferingSink buffering) {
            return new BufferingSinkLane(buffering, delivery, scheduler, clock);
        }
        RetryingSinkLane oneByOne = new RetryingSinkLane(sink, delivery, yieldAfter, clock);
        return sink instanceof BatchSink batch ? new BatchSinkLane(batch, delivery, oneByOne) : oneByOne;
    }

    /** The lane's name, the suffix of its consumer group: the sink's name, or {@value InProcessSinkLane#NAME}. */
    abstract String name();

    /** The consumer threads of the lane, given the notifier's settings: NOTIFIER_CONCURRENCY. */
    int concurrency(NotifierProperties notifier) {
        return notifier.concurrency();
    }

    /**
     * How long one poll waits for records, given the container's default. A lane paused for a retry
     * resumes only when a poll returns, so a retrying lane polls at least as often as its first back-off.
     */
    Duration pollTimeout(Duration configured) {
        return configured;
    }

    /**
     * Whether the lane's consumer waits for each commit. A waited-for commit is a broker round trip per poll;
     * without waiting, a crash may lose the last commit and the lane delivers its results again (at-least-once).
     */
    boolean waitsForCommits() {
        return true;
    }

    /**
     * How often the lane's consumer commits the polls the lane returned from, or null when it commits each poll the lane
     * {@link org.springframework.kafka.support.Acknowledgment acknowledges} (the lane decides how far a poll is done with).
     */
    Duration commitInterval() {
        return null;
    }

    /** Called before the lane's consumers stop. */
    void beforeStop() {
    }
}
