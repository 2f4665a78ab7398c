package io.obspipe.worker.processing;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Summarises comma-separated ({@code .csv}) and tab-separated ({@code .tsv}) files whose first row
 * is the header, per column as pandas' {@code describe()} does (see {@link CsvColumnStatistics}).
 * Rows with more or fewer fields than the header are counted as {@code inconsistent_rows}; their
 * fields that line up with a header column still count.
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
    public ProcessingReport process(InputStream content, ProcessingContext context) throws IOException {
        boolean tabSeparated = context.contentKey().toLowerCase(Locale.ROOT).endsWith(".tsv");
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(tabSeparated ? '\t' : ',').get();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StrictUtf8Reader(content, context.key()))
                .setFormat(format)
                .get()) {
            Map<String, Object> summary = summarize(parser.iterator(), context.key());
            return new ProcessingReport(tabSeparated ? "tsv" : "csv", summary);
        } catch (UncheckedIOException e) {
            throw translate(e.getCause(), context.key());
        } catch (CSVException e) {
            throw translate(e, context.key());
        }
    }

    private Map<String, Object> summarize(Iterator<CSVRecord> records, String key) throws CorruptContentException {
        if (!records.hasNext()) {
            throw new CorruptContentException(key + " is empty: it has no header row");
        }
        List<String> columns = uniqueColumnNames(records.next());
        List<CsvColumnStatistics> statistics = new ArrayList<>();
        columns.forEach(column -> statistics.add(new CsvColumnStatistics(maxDistinctValues)));
        long rows = 0;
        long inconsistentRows = 0;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            rows++;
            if (record.size() != columns.size()) {
                inconsistentRows++;
            }
            int fields = Math.min(record.size(), columns.size());
            for (int i = 0; i < fields; i++) {
                statistics.get(i).add(record.get(i));
            }
        }
        Map<String, Object> columnSummary = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            columnSummary.put(columns.get(i), statistics.get(i).summary());
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
    static List<String> uniqueColumnNames(CSVRecord header) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String base = header.get(i).isBlank() ? "Unnamed: " + i : header.get(i);
            String name = base;
            for (int suffix = 1; !taken.add(name); suffix++) {
                name = base + "." + suffix;
            }
            names.add(name);
        }
        return names;
    }

    /** A malformed record is corrupt content; any other failure (invalid UTF-8, size limit, I/O) is passed on. */
    private static IOException translate(IOException failure, String key) {
        if (failure instanceof CSVException) {
            return new CorruptContentException(key + " is not valid CSV: " + failure.getMessage(), failure);
        }
        return failure;
    }
}
