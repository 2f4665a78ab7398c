package io.obspipe.notifier.sink.log;

import io.obspipe.model.FileInfo;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.ResultSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * One structured log line per result, with the seed's field names so its jq recipes work
 * ({@code jq 'select(.status == "failed")'}). Failures are logged at WARN, successes at INFO.
 */
@Component
@ConditionalOnSinkEnabled("log")
public class LogSink implements ResultSink {

    private static final Logger log = LoggerFactory.getLogger(LogSink.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        FileInfo sizes = result.fileInfo();
        log.atLevel(result.succeeded() ? Level.INFO : Level.WARN)
                .addKeyValue("task_id", result.taskId())
                .addKeyValue("status", result.status().wireName())
                .addKeyValue("file_key", ResultFields.sourceKey(result))
                .addKeyValue("dest_key", ResultFields.destinationKey(result))
                .addKeyValue("input_size", sizes == null ? null : sizes.inputSize())
                .addKeyValue("output_size", sizes == null ? null : sizes.outputSize())
                .addKeyValue("processing_time", result.processingTime())
                .addKeyValue("error", result.error())
                .addKeyValue("error_code", ResultFields.errorCode(result))
                .addKeyValue("worker_id", result.workerId())
                .log(result.succeeded() ? "file processed" : "file processing failed");
    }
}
