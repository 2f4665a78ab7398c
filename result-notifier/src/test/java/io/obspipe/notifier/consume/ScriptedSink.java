package io.obspipe.notifier.consume;

import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import io.obspipe.notifier.support.MutableClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A sink told in advance how often each task's delivery fails, recording what it delivered and every attempt. */
class ScriptedSink implements ResultSink {

    static final int ALWAYS = Integer.MAX_VALUE;

    final List<String> delivered = new ArrayList<>();
    final List<String> attempts = new ArrayList<>();
    private final String name;
    private final RetryPolicy policy;
    private final Map<String, Integer> failuresLeft = new HashMap<>();
    private final Map<String, Boolean> permanent = new HashMap<>();
    private MutableClock clock;
    private Duration deliveryTime = Duration.ZERO;

    ScriptedSink(String name, RetryPolicy policy) {
        this.name = name;
        this.policy = policy;
    }

    ScriptedSink failing(String taskId, int times) {
        failuresLeft.put(taskId, times);
        return this;
    }

    ScriptedSink refusing(String taskId) {
        permanent.put(taskId, true);
        return this;
    }

    /** Every delivery moves the clock on by this much. */
    ScriptedSink taking(Duration time, MutableClock clock) {
        this.deliveryTime = time;
        this.clock = clock;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean accepts(ProcessingResult result) {
        return !result.taskId().startsWith("skip");
    }

    @Override
    public void deliver(ProcessingResult result) throws Exception {
        String task = result.taskId();
        attempts.add(task);
        if (clock != null) {
            clock.advance(deliveryTime);
        }
        if (permanent.containsKey(task)) {
            throw new PermanentDeliveryException("HTTP 400 from the endpoint");
        }
        int left = failuresLeft.getOrDefault(task, 0);
        if (left > 0) {
            failuresLeft.put(task, left == ALWAYS ? ALWAYS : left - 1);
            throw new IllegalStateException("sink " + name + " is down");
        }
        delivered.add(task);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return policy;
    }
}
