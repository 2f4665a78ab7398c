package io.obspipe.notifier.sink;

import java.time.Duration;

/**
 * A sink that collects results and sends them together, e.g. one e-mail digest per interval.
 * {@link #deliver} only adds a result to the buffer; the lane calls {@link #flush()}
 * {@link #flushInterval()} after the first result of a buffer arrived, and commits the offsets of
 * the buffered results only once the flush succeeded, so a crash before it loses nothing.
 */
public interface BufferingSink extends ResultSink {

    /** How long a buffer collects results before it is flushed. */
    Duration flushInterval();

    /** The number of results in the buffer. */
    int buffered();

    /** Sends the buffer and empties it; throws, keeping the buffer, when sending failed. */
    void flush() throws Exception;

    /** Empties the buffer after the lane gave up flushing it; returns what was dropped, for the dead-letter record. */
    String discard();
}
