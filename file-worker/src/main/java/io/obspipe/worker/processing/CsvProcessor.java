package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Summarises comma-separated ({@code .csv}) and tab-separated ({@code .tsv}) files whose first row
 * is the header, per column as pandas' {@code describe()} does (see {@link CsvColumnStatistics}).
 * Rows with more or fewer fields than the header are counted as {@code inconsistent_rows}; their
 * fields that line up with a header column still count. Fields are read as {@link CsvScanner} reads
 * them: as Commons CSV's default format does, straight from the bytes.
 */
public class CsvProcessor implements FileProcessor {

    public static final int DEFAULT_MAX_DISTINCT_VALUES = 10_000;

    private static final FileExtensions EXTENSIONS = FileExtensions.of(".csv", ".tsv");

    private final int maxDistinctValues;

    public CsvProcessor() {
        this(DEFAULT_MAX_DISTINCT_VALUES);
    }

    /** {@code maxDistinctValues} bounds the distinct values tracked per column, and so the memory used. */
    public CsvProcessor(int maxDistinctValues) {
        if (maxDistinctValues < 1) {
            throw new IllegalArgumentException("maxDistinctValues must be at least 1, got " + maxDistinctValues);
        }
        this.maxDistinctValues = maxDistinctValues;
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return EXTENSIONS.describe(name());
    }

    @Override
    public boolean supports(String key) {
        return EXTENSIONS.matches(key);
    }

    @Override
    public boolean readsText() {
        return true;
    }

    @Override
    public ProcessingReport process(InputStream content, ProcessingContext context) throws IOException {
        boolean tabSeparated = context.contentKey().toLowerCase(Locale.ROOT).endsWith(".tsv");
        try (CsvScanner scanner = new CsvScanner(content, tabSeparated ? '\t' : ',', context.key())) {
            return new ProcessingReport(tabSeparated ? "tsv" : "csv", summarize(scanner, context.key()));
        }
    }

    private Map<String, Object> summarize(CsvScanner scanner, String key) throws IOException {
        if (!scanner.next(Integer.MAX_VALUE)) {
            throw new CorruptContentException(key + " is empty: it has no header row");
        }
        List<String> columns = uniqueColumnNames(scanner);
        CsvColumnStatistics[] statistics = new CsvColumnStatistics[columns.size()];
        Arrays.setAll(statistics, column -> new CsvColumnStatistics(maxDistinctValues));
        long rows = 0;
        long inconsistentRows = 0;
        while (scanner.next(columns.size())) {
            rows++;
            if (scanner.fieldCount() != columns.size()) {
                inconsistentRows++;
            }
            int fields = Math.min(scanner.fieldCount(), columns.size());
            byte[] bytes = scanner.bytes();
            for (int i = 0; i < fields; i++) {
                statistics[i].add(bytes, scanner.start(i), scanner.end(i));
            }
        }
        Map<String, Object> columnSummary = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            columnSummary.put(columns.get(i), statistics[i].summary());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_rows", rows);
        summary.put("columns", columns);
        summary.put("inconsistent_rows", inconsistentRows);
        summary.put("column_summary", columnSummary);
        return summary;
    }

    /**
     * The header as pandas names it, so that every column has its own entry in the summary: a blank
     * name becomes {@code Unnamed: <index>} and a repeated name gets a suffix ({@code price.1}).
     */
    private static List<String> uniqueColumnNames(CsvScanner header) {
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
