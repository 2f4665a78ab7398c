package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;

/**
 * The whole lines of a stream that starts at a line start {@code from}: its bytes up to and including
 * the first line break that ends at or after {@code stop}, where {@link ParallelReading} begins the
 * next part. A line break is {@code \n}, {@code \r\n} and, if {@code carriageReturn} ends a line, a
 * lone {@code \r}.
 */
final class LineCut extends InputStream {

    private final InputStream in;
    private final long stop;
    private final boolean carriageReturn;
    private long at;
    private boolean afterCarriageReturn;
    private boolean ended;

    LineCut(InputStream in, long from, long stop, boolean carriageReturn) {
        this.in = in;
        this.stop = stop;
        this.carriageReturn = carriageReturn;
        this.at = from;
        this.ended = from >= stop;
    }

    /** The offset where the lines passed on end, once this stream has ended. */
    long end() {
        return at;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int count = in.read(bytes, offset, length);
        if (count < 0) {
            ended = true;
            return -1;
        }
        for (int i = (int) Math.max(0, Math.min(count, stop - 1 - at)); i < count; i++) {
            byte b = bytes[offset + i];
            if (afterCarriageReturn || b == '\n') {
                ended = true;
                int kept = afterCarriageReturn && b != '\n' ? i : i + 1;
                at += kept;
                return kept > 0 ? kept : -1;
            }
            afterCarriageReturn = b == '\r' && carriageReturn;
        }
        at += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
