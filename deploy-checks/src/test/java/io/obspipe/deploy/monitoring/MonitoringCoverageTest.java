package io.obspipe.deploy.monitoring;

import io.obspipe.deploy.metrics.DocumentedScrape;
import io.obspipe.deploy.metrics.MetricsDoc;
import io.obspipe.deploy.promql.ScrapeCoverage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every series and label the dashboard, the alert rules and the HPA read is one docs/metrics.md promises,
 * checked against the exposition Micrometer produces for the documented meters. The same check against
 * the running apps is {@code PipelineE2ETest.everySeriesTheDashboardAlertsAndAutoscalerReadIsExported} in e2e-tests.
 */
class MonitoringCoverageTest {

    @Test
    void everySeriesTheDashboardAlertsAndAutoscalerUseIsDocumented() {
        assertThat(MonitoringQueries.all()).hasSizeGreaterThan(20);
        assertThat(ScrapeCoverage.problems(DocumentedScrape.byApp(MetricsDoc.meters()), MonitoringQueries.all())).isEmpty();
    }
}
