package io.obspipe.notifier.sink;

import io.obspipe.model.ProcessingResult;

/**
 * A destination of result events (log, summary, metrics; later webhook, dashboard, Redis, database,
 * e-mail digest). A sink is a bean; an optional one is switched on with
 * {@link ConditionalOnSinkEnabled}. The {@link SinkDispatcher} hands it every result, one at a time;
 * with NOTIFIER_CONCURRENCY above 1 several listener threads do so at once, so a sink is thread-safe.
 * A sink that holds resources implements {@link AutoCloseable} and is closed by Spring after the
 * consumer stopped.
 */
public interface ResultSink {

    /** Short lower-case name, used in logs and as the {@code sink} tag of the delivery metrics. */
    String name();

    /**
     * Delivers one result. Throwing means this sink gave up on it: the failure is logged and counted,
     * and the other sinks and the next results are not affected.
     */
    void deliver(ProcessingResult result) throws Exception;
}
