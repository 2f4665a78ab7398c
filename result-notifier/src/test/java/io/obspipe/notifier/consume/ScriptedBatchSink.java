package io.obspipe.notifier.consume;

import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.BatchSink;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import io.obspipe.notifier.sink.RetryPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A {@link ScriptedSink} that also takes batches: told how many fail, and which tasks make one refused. */
final class ScriptedBatchSink extends ScriptedSink implements BatchSink {

    final List<List<String>> batches = new ArrayList<>();
    private final Set<String> refusedInBatches = new HashSet<>();
    private int failingBatches;

    ScriptedBatchSink(String name, RetryPolicy policy) {
        super(name, policy);
    }

    ScriptedBatchSink failingBatches(int times) {
        failingBatches = times;
        return this;
    }

    /** A batch with this task is refused (as a database refuses a batch with a row it has already). */
    ScriptedBatchSink refusingBatchesWith(String taskId) {
        refusedInBatches.add(taskId);
        return this;
    }

    @Override
    public void deliverAll(List<ProcessingResult> results) throws Exception {
        List<String> tasks = results.stream().map(ProcessingResult::taskId).toList();
        batches.add(tasks);
        if (tasks.stream().anyMatch(refusedInBatches::contains)) {
            throw new PermanentDeliveryException("a row of the batch exists already");
        }
        if (failingBatches > 0) {
            failingBatches = failingBatches == ALWAYS ? ALWAYS : failingBatches - 1;
            throw new IllegalStateException("sink " + name() + " is down");
        }
        delivered.addAll(tasks);
    }
}
