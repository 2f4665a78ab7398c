package io.obspipe.notifier.sink.database;

import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes each result as a row of the processing log. A result delivered again is recognised by its
 * task id and not written twice. A database that is unreachable is retried; a row the database
 * refuses (a constraint it breaks) is given up on at once.
 */
@Component
@ConditionalOnSinkEnabled("database")
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseSink implements ResultSink {

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
        Instant now = clock.instant();
        try {
            if (!processingLog.record(result, Objects.requireNonNullElse(result.timestamp(), now), now)) {
                log.atDebug().addKeyValue("task_id", result.taskId())
                        .log("the result of task {} is in the processing log already", result.taskId());
            }
        } catch (DataIntegrityViolationException e) {
            throw new PermanentDeliveryException("the database refused the row of " + ResultFields.sourceKey(result)
                    + ": " + e.getMostSpecificCause().getMessage());
        }
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retry;
    }
}
