package io.obspipe.notifier.sink;

import io.obspipe.model.ProcessingResult;

/**
 * A destination of result events (log, metrics, summary, live feed, database, webhook, Redis,
 * e-mail digest), and of the analysis stage's events for the sinks that {@link #readsAnalyses() read them}. A sink is a bean; an optional one is switched on with {@link ConditionalOnSinkEnabled}.
 * Each sink that leaves the process has its own lane ({@code io.obspipe.notifier.consume.SinkLane}): it reads
 * the results topic as its own consumer group and hands the sink every result, one at a time and in partition
 * order (a {@link BatchSink} a poll's at once); the {@link #inProcess() in-process} sinks share one lane. With NOTIFIER_CONCURRENCY above 1 several lane
 * threads deliver at once, so a sink is thread-safe. A sink that holds resources implements
 * {@link AutoCloseable} and is closed by Spring after the lanes stopped.
 */
public interface ResultSink {

    /** Short lower-case name, used in logs, in the sink's consumer group and as the {@code sink} tag of the metrics. */
    String name();

    /** Whether the sink wants this result; the others are counted as skipped and never delivered. */
    default boolean accepts(ProcessingResult result) {
        return true;
    }

    /**
     * Delivers one result. Throwing means this attempt failed: the lane retries it as the
     * {@link #retryPolicy()} says, or gives up at once on a {@link PermanentDeliveryException}.
     * Delivering the same result twice (after a retry or a restart) must be harmless.
     */
    void deliver(ProcessingResult result) throws Exception;

    /**
     * Whether the sink's lane also reads the analysis topic (ANALYSIS_TOPIC) and hands it the analysis stage's events
     * through {@link #deliverAnalysis}. A sink that does not never sees them, so an analysed file is not counted,
     * stored or sent a second time as a processing result.
     */
    default boolean readsAnalyses() {
        return false;
    }

    /**
     * Delivers one event of the analysis stage: a result whose {@link ProcessingResult#analysis() analysis} is set.
     * Failures are handled as for {@link #deliver}; delivering it twice must be harmless.
     */
    default void deliverAnalysis(ProcessingResult analyzed) throws Exception {
    }

    /**
     * Whether delivering only touches this process (a log line, a counter, a push to connected browsers), so it
     * can neither be slow nor fail for a reason outside the process. The in-process sinks share one lane, consumer
     * group {@code <NOTIFIER_GROUP_ID>-local}, which decodes each result once for all of them; they are not retried.
     */
    default boolean inProcess() {
        return false;
    }

    /**
     * Called by the in-process lane after it handed over every result and event of a poll, before the poll can be
     * committed: an in-process sink that held its output back during the poll (the log sink's lines) writes it out
     * here, so that nothing of a committed result is still held.
     */
    default void endOfPoll() {
    }

    /** How the lane retries a failed delivery; by default not at all (and never for an in-process sink). */
    default RetryPolicy retryPolicy() {
        return RetryPolicy.NONE;
    }

    /**
     * Whether this sink's lane reports records that are not a readable result (a warning and a count);
     * the other lanes skip them silently, so each unreadable record is reported once, not once per sink.
     */
    default boolean reportsUnreadableRecords() {
        return false;
    }
}
