package io.obspipe.worker.processing;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.obspipe.worker.processing.ProcessorFixtures.columnSummary;
import static org.assertj.core.api.Assertions.assertThat;

class CsvProcessorLargeInputTest {

    private static final long ROWS = 2_000_000;

    @Test
    // a guard against a hang, not a speed check: a box busy with other work reads the 200 MB many times slower
    @Timeout(300)
    void streamsTwoHundredMegabytesWithoutHoldingThem() throws IOException {
        // ~110-byte rows made on the fly: the content never exists in memory as a whole
        String padding = "x".repeat(90);
        GeneratedInputStream content = new GeneratedInputStream(
                "id,score,label\n".getBytes(StandardCharsets.US_ASCII),
                row -> (row + "," + row % 10 + "," + padding + row % 50_000 + "\n").getBytes(StandardCharsets.US_ASCII),
                ROWS, new byte[0]);

        ProcessingReport report = new CsvProcessor().process(content,
                new ProcessingContext("big.csv", "big.csv", false, 0));

        assertThat(content.bytesRead()).isGreaterThan(200_000_000L);
        assertThat(report.summary()).containsEntry("total_rows", ROWS).containsEntry("inconsistent_rows", 0L);
        assertThat(columnSummary(report).get("score")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("count", ROWS).containsEntry("mean", 4.5).containsEntry("min", 0.0).containsEntry("max", 9.0)
                .containsEntry("sum", 4.5 * ROWS)
                // each score is a tenth of the rows, and ten distinct values are counted exactly: exact quantiles
                .containsEntry("p50", 4.0).containsEntry("p90", 8.0).containsEntry("p99", 9.0);
        assertThat(columnSummary(report).get("label")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("distinct", CsvProcessor.DEFAULT_MAX_DISTINCT_VALUES).containsEntry("distinct_capped", true);
    }
}
