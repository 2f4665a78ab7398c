package io.obspipe.notifier.consume;

import io.obspipe.notifier.sink.BatchSink;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Duration;
import java.util.List;

/**
 * The lane of a {@link BatchSink}: it hands the sink a whole poll at once, and acknowledges the poll when the sink
 * wrote it. A failed batch is handed back whole with {@link Acknowledgment#nack(int, Duration)} after the sink's
 * back-off, so the committed offsets never pass a result that was not written. When the sink refused the batch (a
 * result delivered before, a row the destination refuses), that poll goes one result at a time through the
 * {@link RetryingSinkLane} of the same sink, which skips or gives up on each refused result alone.
 */
final class BatchSinkLane extends SinkLane {

    private final BatchSink sink;
    private final SinkDelivery delivery;
    private final RetryingSinkLane oneByOne;

    BatchSinkLane(BatchSink sink, SinkDelivery delivery, RetryingSinkLane oneByOne) {
        this.sink = sink;
        this.delivery = delivery;
        this.oneByOne = oneByOne;
    }

    @Override
    String name() {
        return sink.name();
    }

    @Override
    Duration pollTimeout(Duration configured) {
        return oneByOne.pollTimeout(configured);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        Duration pause;
        try {
            pause = delivery.deliverAll(records, sink.retryPolicy());
        } catch (PermanentDeliveryException refused) {
            oneByOne.onMessage(records, ack);
            return;
        }
        if (pause == null) {
            ack.acknowledge();
        } else {
            ack.nack(0, pause);
        }
    }
}
