package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;

/**
 * The bytes of an object from an offset on: first the range up to {@code softEnd} in one ranged
 * read, then — only if the reader goes on past it, to finish a record — further ranges, growing
 * from {@link #FIRST_WINDOW}, up to the end of the object. Reading fails once {@code cancelled}
 * says so, so that a part whose result is no longer needed stops soon.
 */
final class RangeStream extends InputStream {

    static final long FIRST_WINDOW = 64 * 1024;
    private static final long LARGEST_WINDOW = 8 << 20;

    private final ContentRanges ranges;
    private final BooleanSupplier cancelled;
    private long next;
    private long window = FIRST_WINDOW;
    private final long softEnd;
    private InputStream current;

    RangeStream(ContentRanges ranges, long start, long softEnd, BooleanSupplier cancelled) {
        this.ranges = ranges;
        this.next = start;
        this.softEnd = Math.min(Math.max(softEnd, start + 1), ranges.size());
        this.cancelled = cancelled;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new InterruptedIOException("reading this part was cancelled");
            }
            if (current == null) {
                if (next >= ranges.size()) {
                    return -1;
                }
                long end = softEnd > next ? softEnd : Math.min(next + window, ranges.size());
                if (softEnd <= next) {
                    window = Math.min(2 * window, LARGEST_WINDOW);
                }
                current = ranges.open(next, end - 1);
            }
            int count = current.read(bytes, offset, length);
            if (count > 0) {
                next += count;
                return count;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
