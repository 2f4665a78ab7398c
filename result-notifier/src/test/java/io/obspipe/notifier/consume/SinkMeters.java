package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.MeterRegistry;

/** The counts a lane's deliveries leave in the registry, per sink. */
record SinkMeters(MeterRegistry meters) {

    double deliveries(String sink, String outcome) {
        return meters.get("pipeline.notifier.sink.deliveries").tag("sink", sink).tag("outcome", outcome).counter().count();
    }

    double deadLetters(String sink) {
        return meters.get("pipeline.notifier.sink.dead_letters").tag("sink", sink).counter().count();
    }
}
