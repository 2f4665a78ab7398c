package io.obspipe.notifier.sink.database;

import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.BatchSink;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Writes each result as a row of the processing log, a poll's results as one batch in one transaction. A result
 * delivered again is recognised by its task id and not written twice: a batch with one is rolled back and its poll
 * written one row at a time. A database that is unreachable is retried; a row the database refuses (a constraint it
 * breaks) is given up on at once, alone.
 */
@Component
@ConditionalOnSinkEnabled("database")
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseSink implements BatchSink {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSink.class);

    private final ProcessingLog processingLog;
    private final RetryPolicy retry;
    private final Clock clock;

    public DatabaseSink(ProcessingLog processingLog, DatabaseProperties properties, Clock clock) {
        this.processingLog = processingLog;
        this.retry = properties.retry();
        this.clock = clock;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public void deliver(ProcessingResult result) throws PermanentDeliveryException {
        try {
            if (!processingLog.record(result, clock.instant())) {
                log.atDebug().addKeyValue("task_id", result.taskId())
                        .log("the result of task {} is in the processing log already", result.taskId());
            }
        } catch (DataIntegrityViolationException e) {
            throw new PermanentDeliveryException("the database refused the row of " + ResultFields.sourceKey(result)
                    + ": " + e.getMostSpecificCause().getMessage());
        }
    }

    /** Writes the rows in one transaction; a row the database refuses, of a task written before among them, rolls back the batch. */
    @Override
    public void deliverAll(List<ProcessingResult> results) throws PermanentDeliveryException {
        try {
            processingLog.recordAll(results, clock.instant());
        } catch (DataIntegrityViolationException e) {
            throw new PermanentDeliveryException("the database refused a row of a batch of " + results.size() + ": "
                    + e.getMostSpecificCause().getMessage());
        }
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retry;
    }
}
