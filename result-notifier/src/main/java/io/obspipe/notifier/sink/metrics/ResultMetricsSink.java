package io.obspipe.notifier.sink.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.Analysis;
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
 * Analyses are counted apart, by their own status and error code ({@code pipeline.notifier.analyses}), so an analysed
 * file is not counted twice as a result.
 */
@Component
public class ResultMetricsSink implements ResultSink {

    private static final String RESULTS = "pipeline.notifier.results";
    private static final String ANALYSES = "pipeline.notifier.analyses";

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
    public boolean readsAnalyses() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        count(new CounterKey(RESULTS, result.status().wireName(), ResultFields.errorCode(result)));
    }

    @Override
    public void deliverAnalysis(ProcessingResult analyzed) {
        Analysis analysis = analyzed.analysis();
        count(new CounterKey(ANALYSES, analysis.status() == null ? "unknown" : analysis.status().wireName(),
                analysis.errorCode() == null ? null : analysis.errorCode().wireName()));
    }

    private void count(CounterKey key) {
        counters.computeIfAbsent(key, this::register).increment();
    }

    private Counter register(CounterKey key) {
        Counter.Builder builder = key.name().equals(RESULTS)
                ? Counter.builder("pipeline.notifier.results").description("Result events received, by status and error code")
                : Counter.builder("pipeline.notifier.analyses")
                        .description("Analyses of the analysis stage received, by the analysis' status and error code");
        return builder.tag("status", key.status())
                .tag("error_code", Objects.requireNonNullElse(key.errorCode(), "none"))
                .register(meters);
    }

    private record CounterKey(String name, String status, String errorCode) {
    }
}
