package io.obspipe.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.obspipe.deploy.project.ProjectFiles;
import io.obspipe.deploy.promql.PromQuery;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard: well-formed, on the provisioned Prometheus, and showing what the issue asks for. */
@SuppressWarnings("unchecked")
class DashboardTest {

    static final Path DASHBOARD = ProjectFiles.path(MonitoringQueries.DASHBOARDS).resolve("obs-pipeline.json");

    final JsonNode dashboard = MonitoringQueries.json(DASHBOARD);

    @Test
    void everyPanelQueriesPrometheusThroughTheDataSourceVariable() {
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        String reference = "${" + variable.path("name").asText() + "}";
        Map<String, Object> provisioned = ((List<Map<String, Object>>) ProjectFiles.yaml(
                "deploy/grafana/provisioning/datasources/prometheus.yml").get("datasources")).get(0);
        assertThat(variable.path("current").path("value").asText()).as("the variable's default is the provisioned data source")
                .isEqualTo(provisioned.get("uid"));

        List<JsonNode> panels = MonitoringQueries.panels(dashboard).stream().filter(panel -> !panel.path("type").asText().equals("row")).toList();
        assertThat(panels).isNotEmpty();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(panel.path("targets").size()).as("panel '%s' has queries", title).isPositive();
            assertThat(panel.path("datasource").path("uid").asText()).as("panel '%s' data source", title).isEqualTo(reference);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as("panel '%s' query data source", title).isEqualTo(reference);
                assertThat(PromQuery.parse(title, target.path("expr").asText()).selectors()).as("panel '%s' reads a metric", title).isNotEmpty();
            }
        }
    }

    @Test
    void theDashboardShowsThroughputSuccessLatencyLagBytesSinksDeadLettersAndScans() {
        List<String> metrics = MonitoringQueries.dashboards().stream()
                .flatMap(query -> query.selectors().stream()).map(PromQuery.Selector::metric).distinct().toList();
        assertThat(metrics).contains(
                "pipeline_worker_tasks_total",                      // throughput and success rate
                "pipeline_worker_task_duration_seconds_bucket",     // p95 processing time
                "kafka_consumer_fetch_manager_records_lag",         // lag per partition
                "pipeline_worker_bytes_sum",                        // bytes in / out
                "pipeline_notifier_sink_deliveries_total",          // sink outcomes
                "pipeline_worker_dead_letters_total",               // dead-letter topic growth
                "pipeline_generator_objects_new_total",             // what the generator's scans find
                "pipeline_generator_tasks_published_total",         // and publish
                "pipeline_generator_scan_last_success_seconds");    // age of its last successful scan
        assertThat(MonitoringQueries.dashboards()).as("lag is shown per partition")
                .anyMatch(query -> query.groupingLabels().contains("partition")
                        && query.selectors().stream().anyMatch(selector -> selector.metric().equals("kafka_consumer_fetch_manager_records_lag")));
    }
}
