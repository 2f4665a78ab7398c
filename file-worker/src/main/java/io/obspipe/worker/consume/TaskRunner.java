package io.obspipe.worker.consume;

import io.obspipe.model.ErrorCode;
import io.obspipe.model.ProcessingResult;
import io.obspipe.worker.task.TaskHandler;
import io.obspipe.worker.task.TransientTaskException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs one task on a worker thread: retries transient failures with exponential backoff (the
 * consumer keeps polling meanwhile, so retries never cost the partition), and decides what goes
 * to the dead-letter topic: records that are not tasks, and tasks that failed every attempt.
 */
public class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final TaskHandler handler;
    private final int retries;
    private final Duration firstBackoff;
    private final WorkerMetrics metrics;

    public TaskRunner(TaskHandler handler, int retries, Duration firstBackoff, WorkerMetrics metrics) {
        this.handler = handler;
        this.retries = retries;
        this.firstBackoff = firstBackoff;
        this.metrics = metrics;
    }

    /** The task's completion, or empty when interrupted (shutdown): the task is then left to be redone. */
    public Optional<TaskCompletion> run(ConsumerRecord<String, String> record) {
        long started = System.nanoTime();
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                ProcessingResult result = handler.handle(record);
                metrics.taskFinished(result);
                String deadLetter = result.errorCode() == ErrorCode.INVALID_TASK ? result.error() : null;
                return Optional.of(new TaskCompletion(record, result, deadLetter));
            } catch (TransientTaskException e) {
                if (attempt > retries) {
                    ProcessingResult result = handler.gaveUp(record, e, started);
                    metrics.taskFinished(result);
                    return Optional.of(new TaskCompletion(record, result, result.error()));
                }
                metrics.retried(e.code());
                log.atWarn().addKeyValue("file_key", record.key()).addKeyValue("attempt", attempt)
                        .addKeyValue("error_code", e.code()).addKeyValue("retry_in_ms", backoff.toMillis())
                        .log("transient failure, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
                if (!sleep(backoff)) {
                    return Optional.empty();
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                ProcessingResult result = handler.unexpected(record, e, started);
                metrics.taskFinished(result);
                return Optional.of(new TaskCompletion(record, result, result.error()));
            }
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
