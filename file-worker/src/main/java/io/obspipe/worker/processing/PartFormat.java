package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * One format's side of {@link ParallelReading}: how a part is parsed and what the merged parts sum
 * up to. {@code end} is the content's size; a part reads the records that begin before {@code stop}.
 */
interface PartFormat<P extends ContentPart<P>> {

    /** Whether a lone {@code \r} ends a line, as {@code \n} and {@code \r\n} do. */
    boolean carriageReturnEndsLine();

    /** Reads the first part from the content's start; calls {@code othersMayStart} once the other parts can be read. */
    P readFirst(InputStream content, long stop, long end, Runnable othersMayStart) throws IOException;

    /** Reads a part from {@code from}, the first line start at or after its start offset, as if it began a record. */
    P speculate(InputStream in, long from, long stop, long end) throws IOException;

    /**
     * Reads from {@code from}, a record boundary the merged parts {@code before} (null at the content's
     * start) have proven, so that an error names the line and offset the one-stream read names.
     */
    P reread(InputStream in, long from, P before, long stop, long end) throws IOException;

    Map<String, Object> summary(P whole);
}
