package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.TaskDefaults;
import io.obspipe.worker.result.ResultFactory;
import io.obspipe.worker.result.ResultFactory.TaskOutcome;
import io.obspipe.worker.result.ResultPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Called when a task has used up its retries: publishes a {@code failed} result naming the last
 * error, so the task is reported and its offset can be committed. If publishing fails too, the
 * exception propagates and the record is retried again later (nothing is dropped).
 */
public class TransientFailureRecoverer implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(TransientFailureRecoverer.class);

    private final ResultFactory results;
    private final ResultPublisher publisher;
    private final TaskDefaults defaults;

    public TransientFailureRecoverer(ResultFactory results, ResultPublisher publisher, TaskDefaults defaults) {
        this.results = results;
        this.publisher = publisher;
        this.defaults = defaults;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = rootTaskCause(exception);
        ErrorCode code = cause instanceof TransientTaskException transientTask ? transientTask.code() : ErrorCode.INTERNAL_ERROR;
        String fallbackId = record.topic() + "-" + record.partition() + "-" + record.offset();
        FileTask task = MessageCodec.decodeTask(String.valueOf(record.value())).resolve(defaults, fallbackId);
        String error = "gave up after retries: " + cause.getMessage();
        log.atError().addKeyValue("task_id", task.taskId()).addKeyValue("file_key", task.key())
                .addKeyValue("error_code", code).addKeyValue("error", error).log("task failed after retries: {}", error);
        publisher.publish(results.failure(new TaskOutcome(task.taskId(), new ObjectLocation(task.bucket(), task.key()),
                task.size() == null ? 0 : task.size(), 0, task.generatedAt()), code, error));
    }

    private static Throwable rootTaskCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof TransientTaskException || t instanceof ResultPublisher.ResultNotPublishedException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return exception;
    }
}
