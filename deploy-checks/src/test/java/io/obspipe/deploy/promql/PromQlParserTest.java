package io.obspipe.deploy.promql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlParserTest {

    @Test
    void metricsAreToldFromFunctionsAggregationsAndKeywords() {
        PromQuery query = PromQuery.parse("test", """
                histogram_quantile(0.95, sum by (le) (rate(pipeline_worker_task_duration_seconds_bucket{application="file-worker"}[$__rate_interval])))
                / on (instance) group_left count(up offset 5m) and vector(0) > bool 1""");
        assertThat(query.selectors()).extracting(PromQuery.Selector::metric)
                .containsExactly("pipeline_worker_task_duration_seconds_bucket", "up");
        assertThat(query.groupingLabels()).containsExactlyInAnyOrder("le", "instance");
    }

    @Test
    void matchersKeepTheValueOfEqualityMatchersOnly() {
        PromQuery query = PromQuery.parse("test",
                "sum without (client_id) (rate(x_total{application=\"file-worker\", status!=\"success\", error_code=~\"a|b\", sink='l\\'og'}[5m]))");
        PromQuery.Selector selector = query.selectors().get(0);
        assertThat(selector.metric()).isEqualTo("x_total");
        assertThat(selector.equalTo("application")).isEqualTo("file-worker");
        assertThat(selector.matchers()).containsKeys("status", "error_code").containsEntry("sink", "l'og");
        assertThat(selector.equalTo("status")).isNull();
        assertThat(query.groupingLabels()).containsExactly("client_id");
    }

    @Test
    void subqueriesAndSelectorsWithoutANameAreRead() {
        PromQuery query = PromQuery.parse("test", "deriv(sum(max by (topic, partition) (lag{application=\"w\"}))[15m:1m]) > 0 or {__name__=\"up\", job=\"w\"}");
        assertThat(query.selectors()).containsExactly(new PromQuery.Selector("lag", Map.of("application", "w")),
                new PromQuery.Selector("up", Map.of("job", "w")));
        assertThat(query.groupingLabels()).containsExactlyInAnyOrder("topic", "partition");
    }

    @Test
    void aSelectorIsWrittenBackWithItsEqualityMatchers() {
        PromQuery query = PromQuery.parse("test", "rate(x_total{application=\"w\", status!=\"ok\", path=\"a\\\"b\"}[5m]) + up");
        assertThat(query.selectors()).extracting(PromQuery.Selector::withEqualityMatchers)
                .containsExactly("x_total{application=\"w\",path=\"a\\\"b\"}", "up");
    }
}
