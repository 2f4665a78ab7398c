package io.obspipe.notifier.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.ProcessingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/**
 * Fans a batch of results out to every enabled sink and returns only when each sink has delivered
 * or given up on each result, so the caller may commit the batch's offsets afterwards.
 * Each sink sits in its own {@link SinkLane}, which isolates its failures and measures it; today a
 * lane delivers inline, on the listener thread. A sink that needs its own bounded queue, worker and
 * retries gets a lane of that kind, and this class then waits for every lane to finish the batch.
 */
@Component
public class SinkDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SinkDispatcher.class);

    private final List<SinkLane> lanes;

    public SinkDispatcher(List<ResultSink> sinks, MeterRegistry meters) {
        this.lanes = sinks.stream()
                .sorted(Comparator.comparing(ResultSink::name))
                .map(sink -> new SinkLane(sink, meters))
                .toList();
        List<String> names = sinkNames();
        log.atInfo().addKeyValue("sinks", names).log("delivering results to sinks {}", names);
    }

    public void dispatch(List<ProcessingResult> results) {
        if (results.isEmpty()) {
            return;
        }
        for (SinkLane lane : lanes) {
            lane.deliverAll(results);
        }
    }

    public List<String> sinkNames() {
        return lanes.stream().map(SinkLane::name).toList();
    }
}
