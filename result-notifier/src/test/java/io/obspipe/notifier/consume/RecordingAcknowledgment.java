package io.obspipe.notifier.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Duration;
import java.util.List;

/** What a lane told the container about one poll: acknowledged, or handed back from an index after a pause. */
final class RecordingAcknowledgment implements Acknowledgment {

    boolean acknowledged;
    Integer nackIndex;
    Duration nackPause;

    /** Hands the lane one poll of these records; returns what it told the container. */
    static RecordingAcknowledgment poll(SinkLane lane, List<ConsumerRecord<String, byte[]>> records) {
        RecordingAcknowledgment ack = new RecordingAcknowledgment();
        lane.onMessage(records, ack);
        return ack;
    }

    @Override
    public void acknowledge() {
        acknowledged = true;
    }

    @Override
    public void nack(int index, Duration sleep) {
        nackIndex = index;
        nackPause = sleep;
    }
}
