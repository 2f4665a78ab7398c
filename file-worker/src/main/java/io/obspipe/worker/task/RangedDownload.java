package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StorageException;
import io.obspipe.worker.processing.ContentRanges;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An object read as byte ranges (ranged GETs), each written into the task's download file at its
 * offset as it is read, so that the file holds the whole object once every range has been read, as
 * {@link StreamingDownload} leaves it. Ranges read twice (a part that reads on into the next) write
 * the same bytes twice.
 */
final class RangedDownload implements ContentRanges, AutoCloseable {

    private final ObjectStore store;
    private final String bucket;
    private final String key;
    private final long size;
    private final FileChannel file;

    RangedDownload(ObjectStore store, String bucket, String key, long size, Path downloadFile) {
        this.store = store;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        try {
            this.file = FileChannel.open(downloadFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new TransientTaskException(ErrorCode.INTERNAL_ERROR, "cannot write the download file of " + bucket + "/" + key
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open(long startInclusive, long endInclusive) {
        return new FilterInputStream(store.open(bucket, key, startInclusive, endInclusive)) {
            private long offset = startInclusive;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] bytes, int at, int length) {
                int count;
                try {
                    count = super.read(bytes, at, length);
                } catch (IOException e) {
                    throw new StorageException(ErrorCode.STORAGE_UNAVAILABLE, "download of " + bucket + "/" + key
                            + " was interrupted: " + e.getMessage(), e);
                }
                if (count > 0) {
                    writeAt(ByteBuffer.wrap(bytes, at, count), offset);
                    offset += count;
                }
                return count;
            }
        };
    }

    private void writeAt(ByteBuffer bytes, long offset) {
        try {
            long position = offset;
            while (bytes.hasRemaining()) {
                position += file.write(bytes, position);
            }
        } catch (IOException e) {
            throw new TransientTaskException(ErrorCode.INTERNAL_ERROR, "cannot write the download file of " + bucket + "/" + key
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
