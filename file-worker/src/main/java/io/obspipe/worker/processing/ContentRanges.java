package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;

/** The stored bytes of one object, read as byte ranges (ranged GETs), for a {@link PartReadingProcessor}. */
public interface ContentRanges {

    /** The object's size in bytes. */
    long size();

    /** The bytes {@code startInclusive} to {@code endInclusive} of the object. */
    InputStream open(long startInclusive, long endInclusive) throws IOException;
}
