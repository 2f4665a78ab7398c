package io.obspipe.localstack;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTest {

    @Test
    void summaryLineShowsCountsAndRate() {
        RunSummary summary = new RunSummary(new GeneratorSummary(12, 12, 0), 10, 2, Duration.ofMillis(4000));

        assertThat(summary.line()).isEqualTo("scanned 12 | published 12 | succeeded 10 | failed 2 | 3.0 files/s");
    }

    @Test
    void rateIsZeroWithoutResults() {
        assertThat(new RunSummary(new GeneratorSummary(0, 0, 0), 0, 0, Duration.ZERO).line()).endsWith("| 0.0 files/s");
    }
}
