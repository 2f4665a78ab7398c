package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * CSV as {@link ParallelReading} reads it: the header first, then runs of records. A line break may
 * lie inside a quoted field, so a speculated part can begin inside a record.
 */
final class CsvParts implements PartFormat<CsvPart> {

    private final char delimiter;
    private final String key;
    private final int maxDistinctValues;
    private List<String> names;

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
        CsvScanner first = new CsvScanner(content, delimiter, key);
        if (!first.next(Integer.MAX_VALUE)) {
            throw new CorruptContentException(key + " is empty: it has no header row");
        }
        names = CsvProcessor.uniqueColumnNames(first);
        othersMayStart.run();
        return newPart().read(first, stop, end);
    }

    @Override
    public CsvPart speculate(InputStream in, long from, long stop, long end) throws IOException {
        return newPart().read(new CsvScanner(in, delimiter, key, from, 0), stop, end);
    }

    @Override
    public CsvPart reread(InputStream in, long from, CsvPart before, long stop, long end) throws IOException {
        return newPart().read(new CsvScanner(in, delimiter, key, from, before.lineBreaksAtNext), stop, end);
    }

    @Override
    public Map<String, Object> summary(CsvPart whole) {
        return whole.summary(names);
    }

    private CsvPart newPart() {
        return new CsvPart(names.size(), maxDistinctValues);
    }
}
