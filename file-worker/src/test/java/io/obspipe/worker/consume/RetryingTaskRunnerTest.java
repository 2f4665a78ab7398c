package io.obspipe.worker.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileInfo;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import io.obspipe.worker.task.TaskAttemptHandler;
import io.obspipe.worker.task.TransientTaskException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The retry and dead-letter decisions of RetryingTaskRunner, with the handler's outcomes scripted. */
class RetryingTaskRunnerTest {

    private final TaskAttemptHandler handler = mock(TaskAttemptHandler.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RetryingTaskRunner runner = new RetryingTaskRunner(handler, 2, Duration.ofMillis(1), new WorkerMetrics(meters));
    private final ConsumerRecord<String, String> record = new ConsumerRecord<>("tasks", 0, 7, "a.csv", "{\"key\":\"a.csv\"}");

    @Test
    void aTransientFailureThatClearsIsRetriedAndNotDeadLettered() {
        TransientTaskException outage = new TransientTaskException(ErrorCode.STORAGE_UNAVAILABLE, "store down", null);
        when(handler.handle(record)).thenThrow(outage).thenReturn(result(ResultStatus.SUCCESS, null));

        TaskCompletion completion = runner.run(record).orElseThrow();

        assertThat(completion.result().status()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(completion.deadLettered()).isFalse();
        assertThat(meters.counter("pipeline.worker.retries", "error_code", "storage_unavailable").count()).isEqualTo(1);
    }

    @Test
    void aTaskThatFailsEveryRetryGetsAFailedResultAndIsDeadLettered() {
        TransientTaskException outage = new TransientTaskException(ErrorCode.STORAGE_UNAVAILABLE, "store down", null);
        when(handler.handle(record)).thenThrow(outage);
        when(handler.gaveUp(any(), any(), anyLong())).thenReturn(result(ResultStatus.FAILED, ErrorCode.STORAGE_UNAVAILABLE));

        TaskCompletion completion = runner.run(record).orElseThrow();

        verify(handler, times(3)).handle(record);
        assertThat(completion.result().errorCode()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(completion.deadLettered()).isTrue();
    }

    @Test
    void aRecordThatIsNotATaskIsDeadLettered() {
        when(handler.handle(record)).thenReturn(result(ResultStatus.FAILED, ErrorCode.INVALID_TASK));

        assertThat(runner.run(record).orElseThrow().deadLettered()).isTrue();
    }

    @Test
    void aPermanentFailureIsReportedButNotDeadLettered() {
        when(handler.handle(record)).thenReturn(result(ResultStatus.FAILED, ErrorCode.UNSUPPORTED_FORMAT));

        TaskCompletion completion = runner.run(record).orElseThrow();

        verify(handler, times(1)).handle(record);
        assertThat(completion.deadLettered()).isFalse();
    }

    private static ProcessingResult result(ResultStatus status, ErrorCode code) {
        return new ProcessingResult(Instant.now(), WorkerType.SINGLE_PROCESS, status, new ObjectLocation("b", "a.csv"), null,
                FileInfo.of(1, 0), code == null ? null : "because", code, "t", 0.1, "w", null, null);
    }
}
