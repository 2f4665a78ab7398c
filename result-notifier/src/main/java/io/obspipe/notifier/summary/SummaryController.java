package io.obspipe.notifier.summary;

import io.obspipe.notifier.sink.database.ProcessingLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/summary}: the running summary as JSON; {@code GET /api/summary/throughput}: results per 10 s over the last 10 minutes. */
@RestController
public class SummaryController {

    private final RunningSummary summary;
    private final ObjectProvider<ProcessingLog> processingLog;

    public SummaryController(RunningSummary summary, ObjectProvider<ProcessingLog> processingLog) {
        this.summary = summary;
        this.processingLog = processingLog;
    }

    @GetMapping("/api/summary")
    public SummarySnapshot summary() {
        SummarySnapshot snapshot = summary.snapshot();
        ProcessingLog log = processingLog.getIfAvailable();
        return log == null ? snapshot : snapshot.withProcessingLog(log.countByStatus());
    }

    @GetMapping("/api/summary/throughput")
    public ThroughputSnapshot throughput() {
        return summary.throughput();
    }
}
