package io.obspipe.notifier.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.obspipe.model.ProcessingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One sink's path from the dispatcher: delivers each result, times it, and turns an exception
 * into a logged, counted failure so that neither the other sinks nor the next results see it.
 */
final class SinkLane {

    private static final Logger log = LoggerFactory.getLogger(SinkLane.class);

    private final ResultSink sink;
    private final Counter delivered;
    private final Counter failed;
    private final Timer latency;

    SinkLane(ResultSink sink, MeterRegistry meters) {
        this.sink = sink;
        this.delivered = deliveries(meters, "delivered");
        this.failed = deliveries(meters, "failed");
        this.latency = Timer.builder("pipeline.notifier.sink.latency")
                .description("Time a sink took to deliver (or fail to deliver) one result")
                .tag("sink", sink.name())
                .register(meters);
    }

    String name() {
        return sink.name();
    }

    void deliverAll(List<ProcessingResult> results) {
        for (ProcessingResult result : results) {
            deliver(result);
        }
    }

    private void deliver(ProcessingResult result) {
        Timer.Sample sample = Timer.start();
        try {
            sink.deliver(result);
            delivered.increment();
        } catch (Exception e) {
            failed.increment();
            String reason = e.toString();
            log.atWarn()
                    .addKeyValue("sink", sink.name())
                    .addKeyValue("task_id", result.taskId())
                    .addKeyValue("file_key", ResultFields.sourceKey(result))
                    .addKeyValue("error", reason)
                    .log("sink {} could not deliver the result of {}: {}", sink.name(), ResultFields.sourceKey(result), reason);
        } finally {
            sample.stop(latency);
        }
    }

    private Counter deliveries(MeterRegistry meters, String outcome) {
        return Counter.builder("pipeline.notifier.sink.deliveries")
                .description("Results handed to a sink, by outcome")
                .tag("sink", sink.name())
                .tag("outcome", outcome)
                .register(meters);
    }
}
