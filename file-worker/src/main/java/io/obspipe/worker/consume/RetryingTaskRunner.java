package io.obspipe.worker.consume;

import io.obspipe.model.ErrorCode;
import io.obspipe.model.ProcessingResult;
import io.obspipe.platform.retry.DoublingBackOff;
import io.obspipe.worker.task.TaskAttemptHandler;
import io.obspipe.worker.task.TransientTaskException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs one task to its completion on a task thread: one {@link TaskAttemptHandler} call per attempt,
 * transient failures retried after a doubling pause (the poll loop keeps polling meanwhile, so retries
 * never cost the partition its place in the group), and decides what goes to the dead-letter topic:
 * records that are not tasks, and tasks that failed every attempt.
 */
final class RetryingTaskRunner {

    private static final Logger log = LoggerFactory.getLogger(RetryingTaskRunner.class);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final TaskAttemptHandler handler;
    private final int retries;
    private final DoublingBackOff pauses;
    private final WorkerMetrics metrics;

    /** @param firstPause the pause after the first transient failure (WORKER_RETRY_BACKOFF), doubled after each next one */
    RetryingTaskRunner(TaskAttemptHandler handler, int retries, Duration firstPause, WorkerMetrics metrics) {
        this.handler = handler;
        this.retries = retries;
        this.pauses = new DoublingBackOff(firstPause, LONGEST_PAUSE);
        this.metrics = metrics;
    }

    /** The task's completion, or empty when interrupted (shutdown): the task is then left to be redone. */
    Optional<TaskCompletion> run(ConsumerRecord<String, String> record) {
        long started = System.nanoTime();
        BackOffExecution retryPauses = pauses.start(retries);
        for (int attempt = 1; ; attempt++) {
            try {
                ProcessingResult result = handler.handle(record);
                metrics.taskFinished(result);
                String deadLetter = result.errorCode() == ErrorCode.INVALID_TASK ? result.error() : null;
                return Optional.of(new TaskCompletion(record, result, deadLetter));
            } catch (TransientTaskException e) {
                long pause = retryPauses.nextBackOff();
                if (pause == BackOffExecution.STOP) {
                    ProcessingResult result = handler.gaveUp(record, e, started);
                    metrics.taskFinished(result);
                    return Optional.of(new TaskCompletion(record, result, result.error()));
                }
                metrics.retried(e.code());
                log.atWarn().addKeyValue("file_key", record.key()).addKeyValue("attempt", attempt)
                        .addKeyValue("error_code", e.code()).addKeyValue("retry_in_ms", pause)
                        .log("transient failure, retrying in {} ms: {}", pause, e.getMessage());
                if (!sleep(pause)) {
                    return Optional.empty();
                }
            } catch (RuntimeException e) {
                ProcessingResult result = handler.unexpected(record, e, started);
                metrics.taskFinished(result);
                return Optional.of(new TaskCompletion(record, result, result.error()));
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
