package io.obspipe.notifier.sink;

import io.obspipe.model.KeyPoolStatus;

/**
 * A destination of the analysis workers' key pool snapshots (ANALYSIS_KEY_POOL_TOPIC). Snapshots are only shown,
 * never stored, so such a sink is in-process: it shares the lane of the in-process result sinks and is not retried.
 */
public interface KeyPoolSink {

    void deliver(KeyPoolStatus snapshot);
}
