package io.obspipe.notifier.consume;

import io.obspipe.notifier.config.NotifierProperties;
import io.obspipe.notifier.sink.BufferingSink;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import io.obspipe.notifier.sink.RetryPolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.scheduling.TaskScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The lane of a {@link BufferingSink}: it keeps reading while the buffer fills, but holds back the
 * acknowledgment of every poll from the first buffered result on until the flush succeeded, so the
 * committed offsets never pass a result that was not sent. The flush runs on the scheduler
 * {@link BufferingSink#flushInterval()} after the buffer's first result; a failed flush is retried
 * as the sink's {@link RetryPolicy} says, and after the budget the buffer becomes a dead-letter
 * record. One consumer thread reads all partitions, so there is one buffer and one held sequence.
 */
final class BufferingSinkLane extends SinkLane {

    private static final Logger log = LoggerFactory.getLogger(BufferingSinkLane.class);

    private final BufferingSink sink;
    private final SinkDelivery delivery;
    private final TaskScheduler scheduler;
    private final Clock clock;
    /** Acknowledgments of the polls held back, in poll order. */
    private final List<Acknowledgment> held = new ArrayList<>();
    private ScheduledFuture<?> scheduledFlush;
    private Instant failingSince;
    private int failedFlushes;

    BufferingSinkLane(BufferingSink sink, SinkDelivery delivery, TaskScheduler scheduler, Clock clock) {
        this.sink = sink;
        this.delivery = delivery;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    String name() {
        return sink.name();
    }

    @Override
    int concurrency(NotifierProperties notifier) {
        return 1;
    }

    @Override
    public synchronized void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        for (ConsumerRecord<String, byte[]> record : records) {
            // adding to the buffer does not fail in practice; if it does, retrying cannot help
            delivery.deliver(record, RetryPolicy.NONE);
        }
        if (held.isEmpty() && sink.buffered() == 0) {
            ack.acknowledge();
            return;
        }
        held.add(ack);
        if (scheduledFlush == null) {
            scheduleFlush(sink.flushInterval());
        }
    }

    /** Sends the buffer now rather than at its time, so that the offsets held for it are committed before the consumer stops. */
    @Override
    synchronized void beforeStop() {
        if (scheduledFlush != null) {
            scheduledFlush.cancel(false);
            scheduledFlush = null;
        }
        if (!held.isEmpty()) {
            try {
                flushAndRelease();
            } catch (Exception e) {
                // left uncommitted: the results are read again and sent after the next start
                log.atWarn().addKeyValue("sink", name()).addKeyValue("error", e.toString())
                        .log("sink {} could not send its buffer before stopping; it is sent after the next start: {}", name(), e.toString());
            }
        }
    }

    synchronized void flush() {
        scheduledFlush = null;
        try {
            flushAndRelease();
        } catch (Exception e) {
            Instant now = clock.instant();
            if (failingSince == null) {
                failingSince = now;
            }
            failedFlushes++;
            Duration pause = e instanceof PermanentDeliveryException
                    ? null
                    : sink.retryPolicy().pauseAfter(failedFlushes, Duration.between(failingSince, now));
            if (pause == null) {
                int results = sink.buffered();
                delivery.deadLetterBuffer(results, failedFlushes, sink.discard(), e);
                release();
            } else {
                log.atWarn().addKeyValue("sink", name()).addKeyValue("attempt", failedFlushes).addKeyValue("error", e.toString())
                        .log("sink {} could not send its buffer of {} results (attempt {}), retrying in {}: {}",
                                name(), sink.buffered(), failedFlushes, pause, e.toString());
                scheduleFlush(pause);
            }
        }
    }

    private void flushAndRelease() throws Exception {
        if (sink.buffered() > 0) {
            sink.flush();
        }
        release();
    }

    /** Acknowledges the held polls; the consumer thread commits them. */
    private void release() {
        held.forEach(Acknowledgment::acknowledge);
        held.clear();
        failingSince = null;
        failedFlushes = 0;
    }

    private void scheduleFlush(Duration delay) {
        scheduledFlush = scheduler.schedule(this::flush, clock.instant().plus(delay));
    }
}
