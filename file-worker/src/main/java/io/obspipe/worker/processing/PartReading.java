package io.obspipe.worker.processing;

/**
 * How a {@link PartReadingProcessor} reads a large object: as parts of {@code partBytes} read through
 * ranged GETs and parsed on {@code threads} threads, when the object holds at least {@code minBytes}.
 * One thread means the whole object as one stream.
 */
public record PartReading(int threads, long partBytes, long minBytes) {

    public static final PartReading ONE_STREAM = new PartReading(1, Long.MAX_VALUE, Long.MAX_VALUE);

    public PartReading {
        if (threads < 1 || partBytes < 1 || minBytes < 1) {
            throw new IllegalArgumentException("threads, partBytes and minBytes must be positive, got " + threads + ", "
                    + partBytes + ", " + minBytes);
        }
    }

    /** Whether an uncompressed UTF-8 object of {@code size} bytes is read in parts. */
    public boolean splits(long size) {
        return threads > 1 && size >= minBytes && size > partBytes;
    }
}
