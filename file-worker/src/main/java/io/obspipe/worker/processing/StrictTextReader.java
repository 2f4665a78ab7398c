package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes text in one charset (UTF-8 for the processors) and fails on the first byte sequence that
 * is invalid in it with a {@link CorruptContentException} that names the charset, the line and the
 * byte offset. A leading byte order mark is skipped.
 *
 * <p>It decodes itself rather than through {@code InputStreamReader}, which drops the characters
 * decoded before an error and so could not say where the error is.
 */
final class StrictTextReader extends Reader {

    private static final int BUFFER_SIZE = 16 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final String key;
    private final String charsetDescription;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private final long byteOffset;
    private final long linesBefore;
    private long bytesRead;
    private long completedLines;
    private boolean endOfInput;
    private boolean atStart;

    /**
     * {@code key} names the object and {@code charsetDescription} the charset in error messages, e.g.
     * {@code GB18030 (the charset WORKER_CHARSET names)}.
     */
    StrictTextReader(InputStream in, Charset charset, String charsetDescription, String key) {
        this(in, charset, charsetDescription, key, 0, 0, true);
    }

    private StrictTextReader(InputStream in, Charset charset, String charsetDescription, String key, long byteOffset,
                             long linesBefore, boolean atContentStart) {
        this.in = in;
        this.byteOffset = byteOffset;
        this.linesBefore = linesBefore;
        this.atStart = atContentStart;
        this.key = key;
        this.charsetDescription = charsetDescription;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Reads UTF-8, as the processors do. */
    static StrictTextReader utf8(InputStream in, String key) {
        return new StrictTextReader(in, StandardCharsets.UTF_8, "UTF-8", key);
    }

    /**
     * Reads UTF-8 that begins {@code byteOffset} bytes and {@code linesBefore} line feeds into the content,
     * for error messages; a byte order mark is skipped only {@code atContentStart}.
     */
    static StrictTextReader utf8(InputStream in, String key, long byteOffset, long linesBefore, boolean atContentStart) {
        return new StrictTextReader(in, StandardCharsets.UTF_8, "UTF-8", key, byteOffset, linesBefore, atContentStart);
    }

    /** Line feeds among the characters handed out so far. */
    long lineFeeds() {
        return completedLines;
    }

    /** Bytes taken from the underlying stream so far (all of them once the reader is at its end). */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read(char[] destination, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int count = Math.min(length, chars.remaining());
        chars.get(destination, offset, count);
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        chars.clear();
        while (chars.position() == 0) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                if (chars.position() > 0) {
                    break; // hand out what decoded cleanly; the next fill meets the error again
                }
                throw invalidAt(bytesRead - bytes.remaining());
            }
            if (result.isUnderflow()) {
                if (endOfInput) {
                    break;
                }
                readBytes();
            }
        }
        chars.flip();
        countLineBreaks();
        if (atStart) {
            atStart = false;
            if (chars.hasRemaining() && chars.get(chars.position()) == BYTE_ORDER_MARK) {
                chars.get();
                if (!chars.hasRemaining()) {
                    return fill(); // the mark came alone: the text goes on in the next bytes
                }
            }
        }
        return chars.hasRemaining();
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int count = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (count < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + count);
            bytesRead += count;
        }
        bytes.flip();
    }

    private void countLineBreaks() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                completedLines++;
            }
        }
    }

    private CorruptContentException invalidAt(long offsetInStream) {
        return new CorruptContentException(key + " is not valid " + charsetDescription + ": invalid byte sequence on line "
                + (linesBefore + completedLines + 1) + " (byte offset " + (byteOffset + offsetInStream) + ")");
    }
}
