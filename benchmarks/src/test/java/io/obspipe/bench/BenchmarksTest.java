package io.obspipe.bench;

import io.obspipe.bench.scenario.Scenario;
import io.obspipe.bench.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario at the smoke scale on a real stack: the harness must still produce a row with a
 * positive figure for each, and the report. It says nothing about speed: that is what ./bench is for.
 */
class BenchmarksTest {

    @TempDir
    Path work;

    @Test
    void everyScenarioProducesPositiveFiguresAndTheReport() throws Exception {
        Path out = work.resolve("results.md");
        List<ScenarioReport> reports = Benchmarks.run(new BenchOptions(List.of(), Scale.smoke(), out, work.resolve("stack")), false);

        assertThat(reports).extracting(ScenarioReport::scenario)
                .containsExactlyElementsOf(Scenarios.all().stream().map(Scenario::name).toList());
        for (ScenarioReport report : reports) {
            assertThat(report.failure()).as(report.scenario()).isNull();
            assertThat(report.rows()).as(report.scenario()).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.value()).as(row.figure()).isPositive());
        }
        String markdown = Files.readString(out);
        assertThat(markdown).contains("| scenario | figure | value | baseline | ratio | target | met? | note |");
        reports.forEach(report -> assertThat(markdown).contains("## " + report.scenario()));
    }
}
