package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Map;

/**
 * CSV as {@link ParallelReading} reads it: the header first, then runs of records. A line break may
 * lie inside a quoted field, so a speculated part can begin inside a record. The scanners count
 * byte offsets from where the content begins after a byte order mark, as the one-stream read does;
 * the parts' record offsets are offsets in the object.
 */
final class CsvParts implements PartFormat<CsvPart> {

    private final char delimiter;
    private final String key;
    private final int maxDistinctValues;
    private List<String> names;
    /** Where the content begins after a byte order mark, which the one-stream read never sees. */
    private long contentStart;

    CsvParts(char delimiter, String key, int maxDistinctValues) {
        this.delimiter = delimiter;
        this.key = key;
        this.maxDistinctValues = maxDistinctValues;
    }

    @Override
    public boolean carriageReturnEndsLine() {
        return true;
    }

    @Override
    public CsvPart readFirst(InputStream content, long stop, long end, Runnable othersMayStart) throws IOException {
        PushbackInputStream in = LeadingByteOrderMark.readable(content);
        contentStart = LeadingByteOrderMark.skip(in);
        CsvScanner first = new CsvScanner(in, delimiter, key);
        if (!first.next(Integer.MAX_VALUE)) {
            throw new CorruptContentException(key + " is empty: it has no header row");
        }
        names = CsvProcessor.uniqueColumnNames(first);
        othersMayStart.run();
        return read(first, stop, end);
    }

    @Override
    public CsvPart speculate(InputStream in, long from, long stop, long end) throws IOException {
        return read(new CsvScanner(in, delimiter, key, from - contentStart, 0), stop, end);
    }

    @Override
    public CsvPart reread(InputStream in, long from, CsvPart before, long stop, long end) throws IOException {
        return read(new CsvScanner(in, delimiter, key, from - contentStart, before.lineBreaksAtNext), stop, end);
    }

    @Override
    public Map<String, Object> summary(CsvPart whole) {
        return whole.summary(names);
    }

    /** Reads with {@code scanner}, which counts from the content's start, a part whose offsets count from the object's. */
    private CsvPart read(CsvScanner scanner, long stop, long end) throws IOException {
        CsvPart part = new CsvPart(names.size(), maxDistinctValues).read(scanner, stop - contentStart, end - contentStart);
        part.firstRecord += contentStart;
        part.nextRecord += contentStart;
        return part;
    }
}
