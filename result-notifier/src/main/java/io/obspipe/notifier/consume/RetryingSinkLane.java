package io.obspipe.notifier.consume;

import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The lane of a sink that delivers each result on its own. A failed result is handed back with
 * {@link Acknowledgment#nack(int, Duration)}: the offsets before it are committed, and the consumer
 * pauses its partitions for the back-off while it keeps polling, so a long retry budget never
 * exceeds max.poll.interval.ms. Only the failing result is retried, not every result behind it,
 * so an endpoint that is down sees one request per back-off step, not a retry storm.
 */
final class RetryingSinkLane extends SinkLane {

    private final ResultSink sink;
    private final SinkDelivery delivery;
    private final Duration yieldAfter;
    private final Clock clock;

    RetryingSinkLane(ResultSink sink, SinkDelivery delivery, Duration yieldAfter, Clock clock) {
        this.sink = sink;
        this.delivery = delivery;
        this.yieldAfter = yieldAfter;
        this.clock = clock;
    }

    @Override
    String name() {
        return sink.name();
    }

    @Override
    Duration pollTimeout(Duration configured) {
        RetryPolicy policy = sink.retryPolicy();
        boolean retries = policy.giveUpAfter().compareTo(Duration.ZERO) > 0;
        return retries && policy.backoff().compareTo(configured) < 0 ? policy.backoff() : configured;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        Instant started = clock.instant();
        for (int i = 0; i < records.size(); i++) {
            if (i > 0 && Duration.between(started, clock.instant()).compareTo(yieldAfter) >= 0) {
                ack.nack(i, Duration.ZERO);
                return;
            }
            Duration pause = delivery.deliver(records.get(i), sink.retryPolicy());
            if (pause != null) {
                ack.nack(i, pause);
                return;
            }
        }
        ack.acknowledge();
    }
}
