package io.obspipe.worker.processing;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.obspipe.bench.jmh.SampleContent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The worker's own {@link CsvScanner} against FastCSV ({@code de.siegmar:fastcsv}), a maintained CSV
 * parser, on the CSV of {@code ProcessorBenchmark}: each splits the same UTF-8 bytes into records and
 * fields and sums the fields' lengths, nothing more (the statistics on top are the same for both).
 * In the scanner's package, as its tests are, because the scanner is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CsvParserBenchmark {

    private byte[] content;

    @Setup
    public void prepare() {
        content = SampleContent.of("csv", 1 << 20).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public long ownScanner() throws IOException {
        long length = 0;
        try (CsvScanner scanner = new CsvScanner(new ByteArrayInputStream(content), ',', "bench.csv")) {
            while (scanner.next(Integer.MAX_VALUE)) {
                for (int i = 0; i < scanner.fieldCount(); i++) {
                    length += scanner.end(i) - scanner.start(i);
                }
            }
        }
        return length;
    }

    @Benchmark
    public long fastCsv() throws IOException {
        long length = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .ofCsvRecord(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
            for (CsvRecord record : reader) {
                for (int i = 0; i < record.getFieldCount(); i++) {
                    length += record.getField(i).length();
                }
            }
        }
        return length;
    }
}
