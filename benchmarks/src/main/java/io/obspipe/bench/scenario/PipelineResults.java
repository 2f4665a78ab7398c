package io.obspipe.bench.scenario;

import io.obspipe.bench.measure.Percentiles;
import io.obspipe.model.ProcessingResult;

import java.util.List;

/** What the result events of a run say: end-to-end latencies ({@code generated_at} → result timestamp) and completion times. */
record PipelineResults(List<ProcessingResult> results) {

    PipelineResults {
        List<ProcessingResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " task(s) failed, e.g. " + failed.get(0).error());
        }
    }

    Percentiles latencies() {
        return Percentiles.of(results.stream()
                .map(r -> r.timestamp().toEpochMilli() - r.generatedAt().toEpochMilli()).toList());
    }

    List<Long> completions() {
        return results.stream().map(r -> r.timestamp().toEpochMilli()).toList();
    }

    long firstGenerated() {
        return results.stream().mapToLong(r -> r.generatedAt().toEpochMilli()).min().orElseThrow();
    }
}
