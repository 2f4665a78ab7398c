package io.obspipe.notifier.sink.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.ResultSink;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts results by status and error code ({@code pipeline.notifier.results}), for rates and error
 * distribution, and reports the records that are not a readable result ({@code pipeline.notifier.results.invalid}).
 */
@Component
public class ResultMetricsSink implements ResultSink {

    private final MeterRegistry meters;
    /** The counter of each status and error code, looked up here rather than registered anew for every result. */
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

    public ResultMetricsSink(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public boolean reportsUnreadableRecords() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        CounterKey key = new CounterKey(result.status().wireName(), Objects.requireNonNullElse(ResultFields.errorCode(result), "none"));
        counters.computeIfAbsent(key, this::register).increment();
    }

    private Counter register(CounterKey key) {
        return Counter.builder("pipeline.notifier.results")
                .description("Result events received, by status and error code")
                .tag("status", key.status())
                .tag("error_code", key.errorCode())
                .register(meters);
    }

    private record CounterKey(String status, String errorCode) {
    }
}
