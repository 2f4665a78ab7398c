package io.obspipe.bench.jmh;

import io.obspipe.worker.processing.CsvProcessor;
import io.obspipe.worker.processing.FileProcessor;
import io.obspipe.worker.processing.JsonProcessor;
import io.obspipe.worker.processing.NdjsonProcessor;
import io.obspipe.worker.processing.ProcessingContext;
import io.obspipe.worker.processing.ProcessingReport;
import io.obspipe.worker.processing.TextProcessor;
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
import java.util.concurrent.TimeUnit;

/**
 * The worker's processors on 1 MiB of in-memory content each: one operation reads 1 MiB, so ops/s is
 * MiB/s of that format. No I/O: this is the processors' own ceiling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProcessorBenchmark {

    static final int SIZE = 1 << 20;

    @Param({"csv", "json", "ndjson", "text"})
    public String format;

    private FileProcessor processor;
    private ProcessingContext context;
    private byte[] content;

    @Setup
    public void prepare() {
        String key = "bench/data." + switch (format) {
            case "text" -> "log";
            default -> format;
        };
        processor = switch (format) {
            case "csv" -> new CsvProcessor();
            case "json" -> new JsonProcessor();
            case "ndjson" -> new NdjsonProcessor();
            case "text" -> new TextProcessor();
            default -> throw new IllegalArgumentException(format);
        };
        content = SampleContent.of(format, SIZE).getBytes(StandardCharsets.UTF_8);
        context = new ProcessingContext(key, key, false, content.length);
    }

    @Benchmark
    public ProcessingReport process() throws IOException {
        return processor.process(new ByteArrayInputStream(content), context);
    }
}
