package io.obspipe.deploy.monitoring;

import io.obspipe.deploy.project.ProjectFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The promtool unit tests of the alert rules: every {@code *.test.yml} in deploy/prometheus/tests
 * ({@code promtool test rules} format), and which alerts of alerts.yml their cases expect firing or quiet.
 */
final class AlertTests {

    static final String DIR = "deploy/prometheus/tests";
    /** How a test file names alerts.yml in its {@code rule_files}. */
    static final String RULES = "../alerts.yml";

    /**
     * @param firing alerts some case expects to fire at one of its evaluation times
     * @param quiet  alerts some case expects not to fire at one of its evaluation times
     */
    record Cases(Set<String> firing, Set<String> quiet) {
    }

    private AlertTests() {
    }

    static List<Path> files() {
        return MonitoringQueries.files(DIR, ".test.yml");
    }

    /** The cases of the test files that load alerts.yml. */
    @SuppressWarnings("unchecked")
    static Cases cases() {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path file : files()) {
            Map<String, Object> content = ProjectFiles.yamlDocuments(file).get(0);
            if (!((List<String>) content.getOrDefault("rule_files", List.of())).contains(RULES)) {
                continue;
            }
            for (Map<String, Object> test : (List<Map<String, Object>>) content.getOrDefault("tests", List.of())) {
                for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                    List<?> expected = (List<?>) check.get("exp_alerts");
                    (expected == null || expected.isEmpty() ? quiet : firing).add(String.valueOf(check.get("alertname")));
                }
            }
        }
        return new Cases(firing, quiet);
    }
}
