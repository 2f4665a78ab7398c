package io.obspipe.worker.processing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/** Content read as byte ranges of an array, as a {@link PartReadingProcessor} reads an object through ranged GETs. */
record InMemoryRanges(byte[] bytes) implements ContentRanges {

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open(long startInclusive, long endInclusive) {
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, (int) startInclusive, (int) endInclusive + 1));
    }
}
