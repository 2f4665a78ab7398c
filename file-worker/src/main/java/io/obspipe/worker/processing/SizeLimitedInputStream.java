package io.obspipe.worker.processing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link ContentTooLargeException} as soon as more than a limit of bytes has been read. */
final class SizeLimitedInputStream extends FilterInputStream {

    private final String key;
    private final long limitBytes;
    private long bytesRead;

    SizeLimitedInputStream(InputStream in, String key, long limitBytes) {
        super(in);
        this.key = key;
        this.limitBytes = limitBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws ContentTooLargeException {
        bytesRead += n;
        if (bytesRead > limitBytes) {
            throw new ContentTooLargeException(key, limitBytes);
        }
    }
}
