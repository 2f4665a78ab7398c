package io.obspipe.deploy.monitoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert of deploy/prometheus/alerts.yml has promtool unit tests in deploy/prometheus/tests: a case
 * where it fires and one where it stays quiet (whether they pass is {@link PromtoolTest}'s job).
 */
class AlertTestCoverageTest {

    @Test
    void everyAlertHasAFiringAndAQuietCase() {
        List<String> alerts = MonitoringQueries.alertRules().stream().map(rule -> String.valueOf(rule.get("alert"))).toList();
        AlertTests.Cases cases = AlertTests.cases();
        assertThat(cases.firing()).as("alerts with a case in %s where they fire", AlertTests.DIR).containsAll(alerts);
        assertThat(cases.quiet()).as("alerts with a case in %s where they stay quiet", AlertTests.DIR).containsAll(alerts);
        assertThat(alerts).as("alerts the tests name").containsAll(cases.firing()).containsAll(cases.quiet());
    }
}
