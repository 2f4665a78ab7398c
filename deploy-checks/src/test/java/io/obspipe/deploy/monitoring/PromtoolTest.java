package io.obspipe.deploy.monitoring;

import io.obspipe.deploy.project.ProjectFiles;
import io.obspipe.deploy.tools.Tool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/prometheus checked by Prometheus's own promtool (Debian package prometheus): the configuration
 * and the rules load, and every alert unit test in deploy/prometheus/tests passes. Skipped without promtool.
 */
class PromtoolTest {

    static final Path PROMETHEUS = ProjectFiles.path("deploy/prometheus");

    @Test
    void theScrapeConfigurationAndTheAlertRulesAreValid() {
        Tool promtool = Tool.require("promtool", "prometheus");
        Tool.Run config = promtool.run(PROMETHEUS, "check", "config", "prometheus.yml");
        assertThat(config.exitCode()).as(config.messages()).isZero();
        Tool.Run rules = promtool.run(PROMETHEUS, "check", "rules", "alerts.yml");
        assertThat(rules.exitCode()).as(rules.messages()).isZero();
        assertThat(rules.messages()).contains("SUCCESS: " + MonitoringQueries.alertRules().size() + " rules found");
    }

    @Test
    void everyAlertUnitTestPasses() {
        Tool promtool = Tool.require("promtool", "prometheus");
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        AlertTests.files().forEach(file -> arguments.add(PROMETHEUS.relativize(file).toString()));
        assertThat(arguments).as("test files in %s", AlertTests.DIR).hasSizeGreaterThan(2);
        Tool.Run run = promtool.run(PROMETHEUS, arguments.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.messages()).isZero();
        assertThat(run.messages()).doesNotContain("FAILED");
    }
}
