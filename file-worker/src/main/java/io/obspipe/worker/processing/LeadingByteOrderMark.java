package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;

/**
 * A UTF-8 byte order mark at the start of a stored object. A read in parts sees it; the worker's
 * one-stream read does not, as the {@link ContentDecoder} drops it. So a read in parts skips it and
 * counts byte offsets in its messages from after it, as the one-stream read does.
 */
final class LeadingByteOrderMark {

    private static final byte[] UTF_8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private LeadingByteOrderMark() {
    }

    /** A stream over {@code content} that {@link #skip} can read a mark from. */
    static PushbackInputStream readable(InputStream content) {
        return new PushbackInputStream(content, UTF_8.length);
    }

    /** Reads past a mark at the start of {@code in}, if there is one, and returns its length: 0 if there is none. */
    static int skip(PushbackInputStream in) throws IOException {
        byte[] head = in.readNBytes(UTF_8.length);
        if (Arrays.equals(head, UTF_8)) {
            return head.length;
        }
        in.unread(head);
        return 0;
    }
}
