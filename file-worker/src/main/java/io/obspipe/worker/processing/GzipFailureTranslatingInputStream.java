package io.obspipe.worker.processing;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reports the failures by which {@link GZIPInputStream} tells of broken compressed data (a
 * {@link ZipException}, or an {@link EOFException} when the data is cut short) as
 * {@link CorruptContentException}, wherever in the content a processor meets them.
 */
final class GzipFailureTranslatingInputStream extends FilterInputStream {

    private final String key;

    GzipFailureTranslatingInputStream(GZIPInputStream in, String key) {
        super(in);
        this.key = key;
    }

    static CorruptContentException notValidGzip(String key, IOException failure) {
        return new CorruptContentException(key + " is not valid gzip: " + failure.getMessage(), failure);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (ZipException | EOFException e) {
            throw notValidGzip(key, e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (ZipException | EOFException e) {
            throw notValidGzip(key, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (ZipException | EOFException e) {
            throw notValidGzip(key, e);
        }
    }
}
