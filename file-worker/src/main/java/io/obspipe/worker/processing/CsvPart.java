package io.obspipe.worker.processing;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statistics of a run of consecutive CSV records (see {@link ContentPart}). */
final class CsvPart extends ContentPart<CsvPart> {

    private final CsvColumnStatistics[] statistics;
    private long rows;
    private long inconsistentRows;
    long lineBreaksAtFirst;
    long lineBreaksAtNext;

    CsvPart(int columns, int maxDistinctValues) {
        statistics = new CsvColumnStatistics[columns];
        Arrays.setAll(statistics, column -> new CsvColumnStatistics(maxDistinctValues));
    }

    /**
     * Reads records from {@code scanner} (at a record boundary) while they begin before {@code stop};
     * {@code end} is the content's size, the offset of its end.
     */
    CsvPart read(CsvScanner scanner, long stop, long end) throws IOException {
        int columns = statistics.length;
        firstRecord = orEnd(scanner.nextRecordOffset(), end);
        lineBreaksAtFirst = scanner.lineBreaks();
        long offset = firstRecord;
        while (offset < stop && scanner.next(columns)) {
            rows++;
            if (scanner.fieldCount() != columns) {
                inconsistentRows++;
            }
            int fields = Math.min(scanner.fieldCount(), columns);
            byte[] bytes = scanner.bytes();
            for (int i = 0; i < fields; i++) {
                statistics[i].add(bytes, scanner.start(i), scanner.end(i));
            }
            offset = orEnd(scanner.nextRecordOffset(), end);
        }
        nextRecord = offset;
        lineBreaksAtNext = scanner.lineBreaks();
        return this;
    }

    @Override
    void mergeStatistics(CsvPart later) {
        rows += later.rows;
        inconsistentRows += later.inconsistentRows;
        for (int i = 0; i < statistics.length; i++) {
            statistics[i].merge(later.statistics[i]);
        }
        lineBreaksAtNext += later.lineBreaksAtNext - later.lineBreaksAtFirst;
    }

    Map<String, Object> summary(List<String> columns) {
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

    private static long orEnd(long offset, long end) {
        return offset < 0 ? end : offset;
    }
}
