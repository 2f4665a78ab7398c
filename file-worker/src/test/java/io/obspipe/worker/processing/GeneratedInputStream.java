package io.obspipe.worker.processing;

import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * Large content made on the fly: a prefix, {@code count} generated items, a suffix. Only one item is
 * in memory at a time, so tests can stream hundreds of megabytes.
 */
final class GeneratedInputStream extends InputStream {

    private final byte[] suffix;
    private final LongFunction<byte[]> item;
    private final long count;
    private long nextItem;
    private byte[] current;
    private int position;
    private boolean suffixStarted;
    private long bytesRead;

    GeneratedInputStream(byte[] prefix, LongFunction<byte[]> item, long count, byte[] suffix) {
        this.current = prefix;
        this.item = item;
        this.count = count;
        this.suffix = suffix;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length) {
            if (position == current.length && !advance()) {
                break;
            }
            int n = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, buffer, offset + copied, n);
            position += n;
            copied += n;
        }
        bytesRead += copied;
        return copied == 0 ? -1 : copied;
    }

    private boolean advance() {
        if (nextItem < count) {
            current = item.apply(nextItem++);
        } else if (!suffixStarted) {
            suffixStarted = true;
            current = suffix;
        } else {
            return false;
        }
        position = 0;
        return true;
    }
}
