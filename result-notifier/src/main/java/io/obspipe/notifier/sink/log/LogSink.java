package io.obspipe.notifier.sink.log;

import io.obspipe.model.FileInfo;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.AnalysisView;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.ResultSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;

/**
 * One structured log line per result, with the seed's field names so its jq recipes work
 * ({@code jq 'select(.status == "failed")'}). Failures are logged at WARN, successes at INFO.
 * Each analysis gets a line of its own with the same fields plus the analysis' outcome and the start of its answer
 * ({@code jq 'select(.analysis_status)'}); a failed analysis is logged at WARN.
 * The lines of one poll go to standard output in one write at its end ({@link HeldConsoleLines}), not one write each.
 */
@Component
@ConditionalOnSinkEnabled("log")
public class LogSink implements ResultSink {

    private static final Logger log = LoggerFactory.getLogger(LogSink.class);

    private final HeldConsoleLines console = HeldConsoleLines.install();

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public boolean readsAnalyses() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        console.hold();
        withResultFields(log.atLevel(result.succeeded() ? Level.INFO : Level.WARN), result)
                .log(result.succeeded() ? "file processed" : "file processing failed");
    }

    @Override
    public void deliverAnalysis(ProcessingResult analyzed) {
        console.hold();
        AnalysisView analysis = AnalysisView.of(analyzed);
        boolean succeeded = analyzed.analysis().succeeded();
        withResultFields(log.atLevel(succeeded ? Level.INFO : Level.WARN), analyzed)
                .addKeyValue("analysis_status", analysis.status())
                .addKeyValue("model", analysis.model())
                .addKeyValue("key_id", analysis.keyId())
                .addKeyValue("latency_ms", analysis.latencyMs())
                .addKeyValue("attempts", analysis.attempts())
                .addKeyValue("analysis_error", analysis.error())
                .addKeyValue("analysis_error_code", analysis.errorCode())
                .addKeyValue("preview", analysis.preview())
                .log(succeeded ? "file analyzed" : "file analysis failed");
    }

    @Override
    public void endOfPoll() {
        console.release();
    }

    private static LoggingEventBuilder withResultFields(LoggingEventBuilder line, ProcessingResult result) {
        FileInfo sizes = result.fileInfo();
        return line
                .addKeyValue("task_id", result.taskId())
                .addKeyValue("status", result.status().wireName())
                .addKeyValue("file_key", ResultFields.sourceKey(result))
                .addKeyValue("dest_key", ResultFields.destinationKey(result))
                .addKeyValue("input_size", sizes == null ? null : sizes.inputSize())
                .addKeyValue("output_size", sizes == null ? null : sizes.outputSize())
                .addKeyValue("processing_time", result.processingTime())
                .addKeyValue("error", result.error())
                .addKeyValue("error_code", ResultFields.errorCode(result))
                .addKeyValue("worker_id", result.workerId());
    }
}
