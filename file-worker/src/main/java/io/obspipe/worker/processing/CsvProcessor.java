package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Summarises comma-separated ({@code .csv}) and tab-separated ({@code .tsv}) files whose first row
 * is the header, per column as pandas' {@code describe()} does (see {@link CsvColumnStatistics}).
 * Rows with more or fewer fields than the header are counted as {@code inconsistent_rows}; their
 * fields that line up with a header column still count. Fields are read as {@link CsvScanner} reads
 * them: as Commons CSV's default format does, straight from the bytes.
 */
public class CsvProcessor extends TextFormatProcessor implements PartReadingProcessor {

    public static final int DEFAULT_MAX_DISTINCT_VALUES = 10_000;

    private final int maxDistinctValues;
    private final PartReading partReading;
    private final Executor partThreads;

    /** Reads every object as one stream. */
    public CsvProcessor() {
        this(DEFAULT_MAX_DISTINCT_VALUES, PartReading.ONE_STREAM, Runnable::run);
    }

    /**
     * {@code maxDistinctValues} bounds the distinct values counted exactly per column, and so the
     * memory used; {@code partThreads} runs the threads that read parts of a large object beside the
     * task's own (up to {@code partReading.threads() - 1} per task).
     */
    public CsvProcessor(int maxDistinctValues, PartReading partReading, Executor partThreads) {
        super("csv", FileExtensions.of(".csv", ".tsv"));
        if (maxDistinctValues < 1) {
            throw new IllegalArgumentException("maxDistinctValues must be at least 1, got " + maxDistinctValues);
        }
        this.maxDistinctValues = maxDistinctValues;
        this.partReading = partReading;
        this.partThreads = partThreads;
    }

    @Override
    public ProcessingReport process(InputStream content, ProcessingContext context) throws IOException {
        boolean tabSeparated = isTabSeparated(context);
        // sized to the stored object; decompressed content is larger, and a buffer smaller than the content only means more reads
        long expectedBytes = context.compressed() ? -1 : context.storedSize();
        try (CsvScanner scanner = new CsvScanner(content, tabSeparated ? '\t' : ',', context.key(), expectedBytes)) {
            return new ProcessingReport(tabSeparated ? "tsv" : "csv", summarize(scanner, context.key()));
        }
    }

    @Override
    public boolean readsInParts(long size) {
        return partReading.splits(size);
    }

    @Override
    public ProcessingReport process(ContentRanges content, ProcessingContext context) throws IOException {
        boolean tabSeparated = isTabSeparated(context);
        CsvParts format = new CsvParts(tabSeparated ? '\t' : ',', context.key(), maxDistinctValues);
        ParallelReading<CsvPart> reading = new ParallelReading<>(content, format, context.key(), partReading);
        return new ProcessingReport(tabSeparated ? "tsv" : "csv", reading.summarize(partThreads));
    }

    private static boolean isTabSeparated(ProcessingContext context) {
        return context.contentKey().toLowerCase(Locale.ROOT).endsWith(".tsv");
    }

    private Map<String, Object> summarize(CsvScanner scanner, String key) throws IOException {
        if (!scanner.next(Integer.MAX_VALUE)) {
            throw new CorruptContentException(key + " is empty: it has no header row");
        }
        List<String> columns = uniqueColumnNames(scanner);
        return new CsvPart(columns.size(), maxDistinctValues).read(scanner, Long.MAX_VALUE, Long.MAX_VALUE).summary(columns);
    }

    /**
     * The header as pandas names it, so that every column has its own entry in the summary: a blank
     * name becomes {@code Unnamed: <index>} and a repeated name gets a suffix ({@code price.1}).
     */
    static List<String> uniqueColumnNames(CsvScanner header) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.fieldCount(); i++) {
            String text = header.text(i);
            String base = text.isBlank() ? "Unnamed: " + i : text;
            String name = base;
            for (int suffix = 1; !taken.add(name); suffix++) {
                name = base + "." + suffix;
            }
            names.add(name);
        }
        return names;
    }
}
