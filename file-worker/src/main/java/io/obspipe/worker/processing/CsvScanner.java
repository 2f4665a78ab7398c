package io.obspipe.worker.processing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits UTF-8 CSV bytes into records of fields as Commons CSV's {@code DEFAULT} format reads them
 * (RFC 4180 quoting with {@code ""} for a quote, {@code \n}, {@code \r\n} or {@code \r} ending a
 * record, empty lines skipped, whitespace allowed after a closing quote), without making a String
 * per field: a field is a range of {@link #bytes()}, valid until the next call of {@link #next}.
 *
 * <p>It checks UTF-8 as it goes and fails on the first invalid byte sequence, and on malformed
 * quoting, with a {@link CorruptContentException} naming the line and byte offset. A leading byte
 * order mark is skipped. One record may hold at most {@link #MAX_RECORD_BYTES}, so that a missing
 * closing quote in a large file cannot exhaust memory.
 */
final class CsvScanner implements Closeable {

    static final int MAX_RECORD_BYTES = 16 << 20;
    private static final byte QUOTE = '"';

    private final InputStream in;
    private final byte delimiter;
    private final String key;
    private final long startOffset;
    private byte[] buffer;
    private int position;
    private int limit;
    private int recordStart;
    private long recordLine;
    private long bufferOffset;
    private long lineBreaks;
    private boolean endOfInput;
    private boolean atStart = true;
    private int shift;
    private int[] bounds = new int[64];
    private int fieldCount;
    private int keptFields;

    /** {@code key} names the object in error messages. */
    CsvScanner(InputStream in, char delimiter, String key) {
        this(in, delimiter, key, 0, 0, -1);
    }

    /** As {@link #CsvScanner(InputStream, char, String)}, for content of about {@code expectedBytes} (negative: not known). */
    CsvScanner(InputStream in, char delimiter, String key, long expectedBytes) {
        this(in, delimiter, key, 0, 0, expectedBytes);
    }

    /**
     * Reads a part of the content that begins at a record boundary: {@code in} starts at byte
     * {@code startOffset} of the content, after {@code lineBreaksBefore} line breaks, so that error
     * messages and {@link #nextRecordOffset()} count from the content's start. A byte order mark is
     * looked for only at offset 0.
     */
    CsvScanner(InputStream in, char delimiter, String key, long startOffset, long lineBreaksBefore) {
        this(in, delimiter, key, startOffset, lineBreaksBefore, -1);
    }

    private CsvScanner(InputStream in, char delimiter, String key, long startOffset, long lineBreaksBefore, long expectedBytes) {
        this.in = in;
        this.buffer = new byte[ReadBuffers.sizeFor(expectedBytes)];
        this.delimiter = (byte) delimiter;
        this.key = key;
        this.startOffset = startOffset;
        this.lineBreaks = lineBreaksBefore;
        this.atStart = startOffset == 0;
    }

    /**
     * Skips empty lines and returns the content offset at which the next record begins, or -1 at the
     * end of the input; {@link #next} then reads that record.
     */
    long nextRecordOffset() throws IOException {
        if (atStart) {
            skipByteOrderMark();
        }
        return skipEmptyLines() ? startOffset + bufferOffset + position : -1;
    }

    /** Line breaks read so far, counted from the content's start. */
    long lineBreaks() {
        return lineBreaks;
    }

    /**
     * Reads the next record, keeping the ranges of its first {@code keepFields} fields (the others
     * are only counted); false at the end of the input.
     */
    boolean next(int keepFields) throws IOException {
        fieldCount = 0;
        keptFields = keepFields;
        if (atStart) {
            skipByteOrderMark();
        }
        if (!skipEmptyLines()) {
            return false;
        }
        recordLine = lineBreaks + 1;
        boolean anotherField = true;
        while (anotherField) {
            if (!available()) {
                addField(position, position); // the input ends right after a delimiter
                break;
            }
            anotherField = buffer[position] == QUOTE ? quotedField() : simpleField();
        }
        return true;
    }

    /** Fields in the record read last, kept or not. */
    int fieldCount() {
        return fieldCount;
    }

    /** The buffer holding the kept fields of the record read last. */
    byte[] bytes() {
        return buffer;
    }

    int start(int field) {
        return bounds[2 * field];
    }

    int end(int field) {
        return bounds[2 * field + 1];
    }

    String text(int field) {
        return new String(buffer, start(field), end(field) - start(field), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean simpleField() throws IOException {
        int start = position;
        while (true) {
            byte[] bytes = buffer;
            byte separator = delimiter;
            int end = limit;
            int at = position;
            while (at < end) {
                byte b = bytes[at];
                if (b == separator) {
                    addField(start, at);
                    position = at + 1;
                    return true;
                }
                if (b == '\n' || b == '\r') {
                    addField(start, at);
                    position = at;
                    endOfLine();
                    return false;
                }
                if (b >= 0) {
                    at++;
                } else {
                    int length = Utf8Sequences.length(bytes, at, end);
                    if (length == Utf8Sequences.INVALID) {
                        throw invalidUtf8(at);
                    }
                    if (length == Utf8Sequences.INCOMPLETE) {
                        break;
                    }
                    at += length;
                }
            }
            position = at;
            boolean more = fill();
            start -= shift;
            if (!more) {
                if (position < limit) {
                    throw invalidUtf8(position); // a sequence cut off by the end of the input
                }
                addField(start, position);
                return false;
            }
        }
    }

    private boolean quotedField() throws IOException {
        long openedOnLine = lineBreaks + 1;
        position++;
        int start = position;
        int write = position;
        while (true) {
            if (position == limit) {
                if (!fill()) {
                    throw new CorruptContentException(key + " is not valid CSV: the quoted field opened on line " + openedOnLine
                            + " is not closed before the end of the file");
                }
                start -= shift;
                write -= shift;
                continue;
            }
            byte b = buffer[position];
            if (b == QUOTE) {
                if (position + 1 == limit) {
                    // the byte after a quote tells a closing quote from an escaped one
                    boolean more = fill();
                    start -= shift;
                    write -= shift;
                    if (!more) {
                        addField(start, write);
                        position++;
                        return false;
                    }
                    continue;
                }
                if (buffer[position + 1] == QUOTE) {
                    buffer[write++] = QUOTE;
                    position += 2;
                    continue;
                }
                addField(start, write);
                position++;
                return afterClosingQuote();
            }
            int length = 1;
            if (b < 0) {
                length = Utf8Sequences.length(buffer, position, limit);
                if (length == Utf8Sequences.INVALID) {
                    throw invalidUtf8(position);
                }
                if (length == Utf8Sequences.INCOMPLETE) {
                    boolean more = fill();
                    start -= shift;
                    write -= shift;
                    if (!more) {
                        throw invalidUtf8(position);
                    }
                    continue;
                }
            } else if (b == '\n') {
                lineBreaks++;
            }
            if (write != position) {
                System.arraycopy(buffer, position, buffer, write, length);
            }
            write += length;
            position += length;
        }
    }

    /** After a closing quote only whitespace may come before the delimiter or the end of the record. */
    private boolean afterClosingQuote() throws IOException {
        while (available()) {
            byte b = buffer[position];
            if (b == delimiter) {
                position++;
                return true;
            }
            if (b == '\n' || b == '\r') {
                endOfLine();
                return false;
            }
            int length = 1;
            int codePoint = b;
            if (b < 0) {
                length = Utf8Sequences.length(buffer, position, limit);
                if (length == Utf8Sequences.INCOMPLETE && fill()) {
                    continue;
                }
                if (length <= Utf8Sequences.INVALID) {
                    throw invalidUtf8(position);
                }
                codePoint = Utf8Sequences.codePoint(buffer, position, length);
            }
            if (!Character.isWhitespace(codePoint)) {
                throw new CorruptContentException(key + " is not valid CSV: unexpected " + describe(codePoint)
                        + " after the closing quote of a field on line " + (lineBreaks + 1) + " (byte offset "
                        + (startOffset + bufferOffset + position) + "); a quote inside a quoted field is written as two quotes");
            }
            position += length;
        }
        return false;
    }

    /** At a {@code \n} or {@code \r}: consumes the line break, {@code \r\n} counting as one. */
    private void endOfLine() throws IOException {
        if (buffer[position++] == '\n') {
            lineBreaks++;
        } else if (available() && buffer[position] == '\n') {
            lineBreaks++;
            position++;
        }
    }

    private boolean skipEmptyLines() throws IOException {
        while (true) {
            recordStart = position;
            if (!available()) {
                return false;
            }
            byte b = buffer[position];
            if (b == '\n') {
                lineBreaks++;
            } else if (b != '\r') {
                return true;
            }
            position++;
        }
    }

    private void skipByteOrderMark() throws IOException {
        atStart = false;
        while (limit < 3 && fill()) {
            // a stream may hand out fewer than three bytes at first
        }
        if (limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
            position = 3;
        }
    }

    private boolean available() throws IOException {
        return position < limit || fill();
    }

    /**
     * Reads more input after what is buffered, first moving the current record to the front of the
     * buffer; {@link #shift} tells by how much every index moved — also when it returns false, at the
     * end of the input.
     */
    private boolean fill() throws IOException {
        shift = 0;
        if (endOfInput) {
            return false;
        }
        if (recordStart > 0) {
            shift = recordStart;
            System.arraycopy(buffer, shift, buffer, 0, limit - shift);
            limit -= shift;
            position -= shift;
            recordStart = 0;
            bufferOffset += shift;
            for (int i = 0; i < 2 * Math.min(fieldCount, keptFields); i++) {
                bounds[i] -= shift;
            }
        }
        if (limit == buffer.length) {
            if (buffer.length >= MAX_RECORD_BYTES) {
                throw new CorruptContentException(key + " is not valid CSV: the record starting on line " + recordLine
                        + " is longer than " + (MAX_RECORD_BYTES >> 20) + " MiB (an unclosed quote?)");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int count = in.read(buffer, limit, buffer.length - limit);
        if (count < 0) {
            endOfInput = true;
            return false;
        }
        limit += count;
        return true;
    }

    private void addField(int start, int end) {
        if (fieldCount < keptFields) {
            if (2 * fieldCount + 1 >= bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * fieldCount] = start;
            bounds[2 * fieldCount + 1] = end;
        }
        fieldCount++;
    }

    private CorruptContentException invalidUtf8(int at) {
        return new CorruptContentException(key + " is not valid UTF-8: invalid byte sequence on line " + (lineBreaks + 1)
                + " (byte offset " + (startOffset + bufferOffset + at) + ")");
    }

    private static String describe(int codePoint) {
        return codePoint >= 0x20 && codePoint != 0x7F ? "'" + Character.toString(codePoint) + "'"
                : String.format(Locale.ROOT, "character U+%04X", codePoint);
    }
}
