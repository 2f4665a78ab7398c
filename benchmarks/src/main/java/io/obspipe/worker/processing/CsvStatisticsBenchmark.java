package io.obspipe.worker.processing;

import io.obspipe.bench.jmh.SampleContent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CSV statistics without the parse: the fields of {@code ProcessorBenchmark}'s 1 MiB of CSV, split once in
 * the setup, added row by row to a fresh {@link CsvColumnStatistics} per column, as {@link CsvPart} adds them.
 * With {@link CsvParserBenchmark#ownScanner} it splits {@code ProcessorBenchmark}'s CSV figure into its two costs:
 * ops/s is MiB/s of the CSV the fields came from. In the statistics' package, because they are package-private.
 * {@code -p maxDistinctValues=1} sketches every value but a column's first: what the statistics cost with the distinct
 * count and the quantiles from sketches alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CsvStatisticsBenchmark {

    /** How many distinct values per column are counted exactly; the worker's default unless {@code -p} says otherwise. */
    @Param({"" + CsvProcessor.DEFAULT_MAX_DISTINCT_VALUES})
    public int maxDistinctValues;

    private byte[] fields;
    /** Per record and column, the start and end of the field in {@link #fields}. */
    private int[] bounds;
    private int columns;
    private int records;

    @Setup
    public void prepare() throws IOException {
        if (maxDistinctValues < 1) {
            throw new IllegalArgumentException("maxDistinctValues must be at least 1 (the worker's own minimum), got " + maxDistinctValues);
        }
        byte[] content = SampleContent.of("csv", 1 << 20).getBytes(StandardCharsets.UTF_8);
        fields = new byte[content.length];
        bounds = new int[16];
        int written = 0;
        try (CsvScanner scanner = new CsvScanner(new ByteArrayInputStream(content), ',', "bench.csv")) {
            scanner.next(Integer.MAX_VALUE);
            columns = scanner.fieldCount();
            while (scanner.next(columns)) {
                for (int i = 0; i < columns; i++) {
                    int at = 2 * (records * columns + i);
                    if (at + 1 >= bounds.length) {
                        bounds = Arrays.copyOf(bounds, 2 * bounds.length);
                    }
                    int length = scanner.end(i) - scanner.start(i);
                    System.arraycopy(scanner.bytes(), scanner.start(i), fields, written, length);
                    bounds[at] = written;
                    written += length;
                    bounds[at + 1] = written;
                }
                records++;
            }
        }
    }

    @Benchmark
    public Map<String, Object> statistics() {
        CsvColumnStatistics[] statistics = new CsvColumnStatistics[columns];
        Arrays.setAll(statistics, column -> new CsvColumnStatistics(maxDistinctValues));
        for (int record = 0, at = 0; record < records; record++) {
            for (int i = 0; i < columns; i++, at += 2) {
                statistics[i].add(fields, bounds[at], bounds[at + 1]);
            }
        }
        Map<String, Object> last = null;
        for (CsvColumnStatistics column : statistics) {
            last = column.summary();
        }
        return last;
    }
}
