package io.obspipe.worker.processing;

import java.io.IOException;

/**
 * A processor that can also read a large uncompressed UTF-8 object as byte ranges parsed on several
 * threads, with the summary the one stream of {@link #process(java.io.InputStream, ProcessingContext)}
 * gives.
 */
public interface PartReadingProcessor extends FileProcessor {

    /** Whether an object of {@code size} bytes is worth reading in parts. */
    boolean readsInParts(long size);

    /** Reads the object's {@code content} in parts, to its end, and returns the summary. */
    ProcessingReport process(ContentRanges content, ProcessingContext context) throws IOException;
}
