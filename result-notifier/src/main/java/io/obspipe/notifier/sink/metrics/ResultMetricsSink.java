package io.obspipe.notifier.sink.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.ResultSink;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Counts results by status and error code ({@code pipeline.notifier.results}), for rates and error
 * distribution, and reports the records that are not a readable result ({@code pipeline.notifier.results.invalid}).
 */
@Component
public class ResultMetricsSink implements ResultSink {

    private final MeterRegistry meters;

    public ResultMetricsSink(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public boolean reportsUnreadableRecords() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        Counter.builder("pipeline.notifier.results")
                .description("Result events received, by status and error code")
                .tag("status", result.status().wireName())
                .tag("error_code", Objects.requireNonNullElse(ResultFields.errorCode(result), "none"))
                .register(meters)
                .increment();
    }
}
