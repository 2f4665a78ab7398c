package io.obspipe.deploy.monitoring;

import io.obspipe.deploy.project.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/prometheus/alerts.yml: complete rules, each with what to do in docs/operations.md. */
@SuppressWarnings("unchecked")
class AlertRulesTest {

    static final String OPERATIONS = "docs/operations.md";

    @Test
    void theAlertsTheIssueAsksForExist() {
        assertThat(MonitoringQueries.alertRules()).extracting(rule -> rule.get("alert"))
                .contains("FileFailureRateHigh", "TaskLagGrowing", "DeadLettersWritten", "NoProgress", "GeneratorScanOverdue");
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionInTheOperationsGuide() {
        Set<String> anchors = ProjectFiles.read(OPERATIONS).lines().filter(line -> line.startsWith("#"))
                .map(AlertRulesTest::anchor).collect(Collectors.toSet());
        for (Map<String, Object> rule : MonitoringQueries.alertRules()) {
            Object name = rule.get("alert");
            assertThat(name).as("every rule is an alert").isNotNull();
            assertThat(String.valueOf(rule.get("expr"))).as("%s expr", name).isNotBlank();
            assertThat((Map<String, Object>) rule.get("labels")).as("%s labels", name).containsKey("severity");
            assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).as("%s severity", name).isIn("warning", "critical");
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as("%s annotations", name).containsKeys("summary", "description", "runbook");
            String runbook = String.valueOf(annotations.get("runbook"));
            assertThat(runbook).as("%s runbook", name).isEqualTo(OPERATIONS + "#" + name.toString().toLowerCase(Locale.ROOT));
            assertThat(anchors).as("%s has a section in %s", name, OPERATIONS).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    /** GitHub's anchor of a Markdown heading. */
    static String anchor(String heading) {
        String text = heading.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(List.of("### NoProgress", "## Scale workers (partitions vs replicas)").stream().map(AlertRulesTest::anchor))
                .containsExactly("noprogress", "scale-workers-partitions-vs-replicas");
    }
}
