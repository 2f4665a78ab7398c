package io.obspipe.notifier.consume;

import org.springframework.kafka.support.Acknowledgment;

import java.time.Duration;

/** What a lane told the container about one poll: acknowledged, or handed back from an index after a pause. */
final class RecordingAcknowledgment implements Acknowledgment {

    boolean acknowledged;
    Integer nackIndex;
    Duration nackPause;

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
