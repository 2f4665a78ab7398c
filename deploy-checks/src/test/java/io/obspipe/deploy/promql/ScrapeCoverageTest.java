package io.obspipe.deploy.promql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScrapeCoverageTest {

    static final String WORKER_SCRAPE = """
            # HELP pipeline_worker_tasks_total Tasks finished, by outcome
            # TYPE pipeline_worker_tasks_total counter
            pipeline_worker_tasks_total{application="file-worker",error_code="none",processor="csv",status="success"} 3.0
            pipeline_worker_task_duration_seconds_bucket{application="file-worker",status="success",le="0.1"} 3
            kafka_consumer_fetch_manager_records_lag{application="file-worker",client_id="w-1",kafka_version="4.1.2",partition="0",topic="t"} 0.0
            jvm_info{application="file-worker",runtime="a \\"quoted\\" value, with a comma"} 1
            """;
    static final String NOTIFIER_SCRAPE = """
            pipeline_notifier_results_total{application="result-notifier",error_code="none",status="success"} 3.0
            """;
    static final Map<String, String> SCRAPES = Map.of("file-worker", WORKER_SCRAPE, "result-notifier", NOTIFIER_SCRAPE);

    @Test
    void queriesOnExportedSeriesAndLabelsPass() {
        assertThat(ScrapeCoverage.problems(SCRAPES, List.of(
                PromQuery.parse("throughput", "sum by (status) (rate(pipeline_worker_tasks_total{application=\"file-worker\",status=\"failed\"}[5m]))"),
                PromQuery.parse("p95", "histogram_quantile(0.95, sum by (le) (rate(pipeline_worker_task_duration_seconds_bucket[5m])))"),
                PromQuery.parse("lag", "max by (topic, partition, instance) (kafka_consumer_fetch_manager_records_lag{application=\"file-worker\"})"),
                PromQuery.parse("results", "sum(rate(pipeline_notifier_results_total[5m]))")))).isEmpty();
    }

    @Test
    void aMissingSeriesOrLabelIsNamed() {
        assertThat(ScrapeCoverage.problems(SCRAPES, List.of(
                PromQuery.parse("panel a", "sum(rate(pipeline_worker_dead_letters_total{application=\"file-worker\"}[5m]))"),
                PromQuery.parse("panel b", "sum(rate(pipeline_notifier_results_total{application=\"file-worker\"}[5m]))"),
                PromQuery.parse("panel c", "sum by (direction) (rate(pipeline_worker_tasks_total{sink=\"log\"}[5m]))"))))
                .containsExactly(
                        "panel a: pipeline_worker_dead_letters_total is not exported by file-worker",
                        "panel b: pipeline_notifier_results_total is not exported by file-worker",
                        "panel c: pipeline_worker_tasks_total has no label sink",
                        "panel c: none of its series has the label direction it groups by");
    }
}
