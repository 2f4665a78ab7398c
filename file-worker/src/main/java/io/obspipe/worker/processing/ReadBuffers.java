package io.obspipe.worker.processing;

/**
 * How large a buffer reading content of a known size needs: a small object gets a buffer of its own size
 * (one byte more, so the first read also meets the end), not the full buffer a large one streams through:
 * most objects a worker sees are small, and full buffers per task were much of its garbage.
 */
final class ReadBuffers {

    static final int FULL_BYTES = 1 << 16;
    private static final int MIN_BYTES = 512;

    private ReadBuffers() {
    }

    /** A buffer size for {@code expectedBytes} of content; 0 or less (not known: no empty object is read) gets the full buffer. */
    static int sizeFor(long expectedBytes) {
        if (expectedBytes <= 0 || expectedBytes >= FULL_BYTES) {
            return FULL_BYTES;
        }
        return (int) Math.max(MIN_BYTES, expectedBytes + 1);
    }
}
