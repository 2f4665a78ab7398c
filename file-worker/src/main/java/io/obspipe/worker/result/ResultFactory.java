package io.obspipe.worker.result;

import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileInfo;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;

import java.time.Clock;
import java.time.Instant;

/** Builds the seed's success / failure notifications, stamped with this worker's type and id. */
public class ResultFactory {

    private final WorkerType workerType;
    private final String workerId;
    private final Clock clock;

    public ResultFactory(WorkerType workerType, String workerId, Clock clock) {
        this.workerType = workerType;
        this.workerId = workerId;
        this.clock = clock;
    }

    public ProcessingResult success(TaskOutcome outcome, ObjectLocation destination, long outputSize, String processor) {
        return new ProcessingResult(clock.instant(), workerType, ResultStatus.SUCCESS, outcome.source(), destination,
                FileInfo.of(outcome.inputSize(), outputSize), null, null, outcome.taskId(), outcome.seconds(), workerId,
                processor, outcome.generatedAt());
    }

    public ProcessingResult failure(TaskOutcome outcome, ErrorCode code, String error) {
        return new ProcessingResult(clock.instant(), workerType, ResultStatus.FAILED, outcome.source(), null,
                FileInfo.of(outcome.inputSize(), 0), error, code, outcome.taskId(), outcome.seconds(), workerId,
                null, outcome.generatedAt());
    }

    /** What is known of a task when its result is written. */
    public record TaskOutcome(String taskId, ObjectLocation source, long inputSize, double seconds, Instant generatedAt) {
    }
}
