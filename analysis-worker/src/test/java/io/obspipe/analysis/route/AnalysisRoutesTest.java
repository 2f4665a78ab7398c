package io.obspipe.analysis.route;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisRoutesTest {

    @Test
    void fileTypesMatchTheExtensionWithATrailingGzLookedThrough() {
        AnalysisRoutes routes = AnalysisRoutes.of(List.of("csv", ".JSON"), List.of());

        assertThat(routes.matches("data/sales.csv")).isTrue();
        assertThat(routes.matches("data/sales.CSV.gz")).isTrue();
        assertThat(routes.matches("a/b.json")).isTrue();
        assertThat(routes.matches("a/b.txt")).isFalse();
        assertThat(routes.matches("a/csv")).isFalse();
    }

    @Test
    void withPrefixesAndFileTypesAFileMustMatchBoth() {
        AnalysisRoutes routes = AnalysisRoutes.of(List.of("csv"), List.of("reports/", "finance/"));

        assertThat(routes.matches("reports/q1.csv")).isTrue();
        assertThat(routes.matches("reports/q1.txt")).isFalse();
        assertThat(routes.matches("data/q1.csv")).isFalse();
        assertThat(AnalysisRoutes.of(List.of(), List.of("reports/")).matches("reports/notes.txt")).isTrue();
    }

    @Test
    void nothingSetRoutesNothing() {
        assertThat(AnalysisRoutes.of(List.of(" "), List.of()).routesNothing()).isTrue();
    }

    @Test
    void aFileTypeWithADotIsRefusedInOneSentence() {
        assertThatThrownBy(() -> AnalysisRoutes.of(List.of("csv.gz"), List.of())).isInstanceOf(PipelineConfigurationException.class)
                .hasMessage("ANALYSIS_FILE_TYPES has 'csv.gz', but a file type is one extension such as csv (a trailing .gz is looked through).");
    }
}
