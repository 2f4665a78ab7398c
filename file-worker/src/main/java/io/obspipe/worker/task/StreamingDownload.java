package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;
import io.obspipe.platform.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Downloads an object into the task's download file on a second thread while the processor reads
 * the same bytes as they arrive, so that receiving a large object overlaps processing it instead of
 * preceding it. At most {@link #CHUNKS_AHEAD} chunks wait between the two threads: memory stays flat
 * whatever the object's size.
 *
 * <p>A failure to read the object is a transient {@link StorageException}, a failure to write the
 * file a {@link TransientTaskException}; {@link #throwIfFailed()} gives either to the task, ahead of
 * whatever the processor made of the broken stream.
 */
final class StreamingDownload implements AutoCloseable {

    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNKS_AHEAD = 8;
    private static final Chunk END = new Chunk(new byte[0], 0);
    private static final Chunk FAILED = new Chunk(new byte[0], 0);

    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final CompletableFuture<Void> receiving;
    private final ChunkStream content = new ChunkStream();
    private volatile RuntimeException failure;
    private volatile boolean cancelled;

    private StreamingDownload(InputStream source, Path file, long expectedSize, String description, Executor executor) {
        this.receiving = CompletableFuture.runAsync(() -> receive(source, file, expectedSize, description), executor);
    }

    /** Starts receiving {@code source} (which it closes) into {@code file}; {@code description} names the object. */
    static StreamingDownload start(InputStream source, Path file, long expectedSize, String description, Executor executor) {
        return new StreamingDownload(source, file, expectedSize, description, executor);
    }

    /** The object's bytes as they arrive; a read fails if receiving failed. */
    InputStream content() {
        return content;
    }

    /** Throws the receiving side's failure, if it failed. */
    void throwIfFailed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Takes what the processor left unread, so that the file holds the whole object, then
     * {@link #throwIfFailed()}.
     */
    void finish() {
        try {
            content.transferTo(OutputStream.nullOutputStream());
        } catch (InterruptedIOException e) {
            throw new TransientTaskException(ErrorCode.INTERNAL_ERROR, "interrupted while downloading: " + e.getMessage(), e);
        } catch (IOException e) {
            throwIfFailed(); // the only other way the stream fails
        }
        receiving.join();
        throwIfFailed();
    }

    /** Stops receiving if it has not ended (the processor gave up early) and waits for the thread to leave the file. */
    @Override
    public void close() {
        cancelled = true;
        chunks.clear();
        receiving.join();
    }

    private void receive(InputStream source, Path file, long expectedSize, String description) {
        // a small object fits one chunk, one byte larger than the object so that the first read also meets its end
        int chunkBytes = expectedSize < CHUNK_BYTES ? (int) Math.max(expectedSize, 0) + 1 : CHUNK_BYTES;
        try (source; OutputStream out = Files.newOutputStream(file)) {
            while (!cancelled) {
                byte[] bytes = new byte[chunkBytes];
                int length = read(source, bytes, description);
                try {
                    out.write(bytes, 0, length);
                } catch (IOException e) {
                    throw new TransientTaskException(ErrorCode.INTERNAL_ERROR,
                            "cannot write the download file of " + description + ": " + e.getMessage(), e);
                }
                if (length > 0) {
                    hand(new Chunk(bytes, length));
                }
                if (length < bytes.length) {
                    hand(END);
                    return;
                }
            }
        } catch (StorageException | TransientTaskException e) {
            failure = e;
            hand(FAILED);
        } catch (RuntimeException e) {
            failure = new StorageException(ErrorCode.STORAGE_UNAVAILABLE, "download of " + description + " failed: " + e, e);
            hand(FAILED);
        } catch (IOException e) {
            failure = new TransientTaskException(ErrorCode.INTERNAL_ERROR,
                    "cannot write the download file of " + description + ": " + e.getMessage(), e);
            hand(FAILED);
        }
    }

    private static int read(InputStream source, byte[] bytes, String description) {
        try {
            return source.readNBytes(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.STORAGE_UNAVAILABLE,
                    "download of " + description + " was interrupted: " + e.getMessage(), e);
        }
    }

    /** Queues a chunk for the processor, unless the task stopped reading. */
    private void hand(Chunk chunk) {
        try {
            while (!cancelled && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the processor is behind: wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
    }

    private record Chunk(byte[] bytes, int length) {
    }

    private final class ChunkStream extends InputStream {

        private Chunk current = new Chunk(new byte[0], 0);
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] destination, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == current.length()) {
                if (current == END) {
                    return -1;
                }
                if (current == FAILED) {
                    throw new IOException("the download failed: " + failure.getMessage());
                }
                current = next();
                position = 0;
            }
            int count = Math.min(length, current.length() - position);
            System.arraycopy(current.bytes(), position, destination, offset, count);
            position += count;
            return count;
        }

        private Chunk next() throws IOException {
            try {
                return chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the object's next bytes");
            }
        }
    }
}
