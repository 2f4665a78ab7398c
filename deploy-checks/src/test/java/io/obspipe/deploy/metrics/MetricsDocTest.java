package io.obspipe.deploy.metrics;

import io.obspipe.deploy.project.App;
import io.obspipe.deploy.promql.Scrape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/metrics.md against the apps' code and Micrometer's Prometheus naming. */
class MetricsDocTest {

    final List<DocumentedMeter> documented = MetricsDoc.meters();

    @Test
    void everyMeterTheAppsRegisterIsDocumentedWithItsType() {
        List<String> problems = new ArrayList<>();
        for (App app : App.all()) {
            for (String module : app.modules()) {
                for (MeterRegistrations.Registration registration : MeterRegistrations.in(module)) {
                    List<DocumentedMeter> rows = documented.stream()
                            .filter(meter -> meter.name().equals(registration.name()) && meter.app().equals(app.name())).toList();
                    if (rows.isEmpty()) {
                        problems.add(app.name() + " registers " + registration.name() + " (" + registration.file().getFileName()
                                + "), not in " + MetricsDoc.PATH);
                    } else if (!rows.get(0).kind().equals(registration.kind())) {
                        problems.add(registration.name() + " is a " + registration.kind() + " in the code, a " + rows.get(0).type() + " in the doc");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDocumentedMeterIsRegisteredByItsApp() {
        assertThat(documented).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (DocumentedMeter meter : documented) {
            App app = App.named(meter.app());
            boolean registered = meter.name().startsWith("kafka.")
                    // Kafka's own client metrics, bound to Micrometer by KafkaClientMetrics or Spring Boot
                    ? app.modules().stream().anyMatch(MeterRegistrations::bindsKafkaClientMetrics)
                    : app.modules().stream().flatMap(module -> MeterRegistrations.in(module).stream())
                            .anyMatch(registration -> registration.name().equals(meter.name()));
            if (!registered) {
                problems.add(meter.name() + " is documented for " + meter.app() + ", which does not register it");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDocumentedPrometheusSeriesAreWhatMicrometerExports() {
        for (DocumentedMeter meter : documented) {
            Scrape scrape = Scrape.parse(DocumentedScrape.of(meter));
            assertThat(meter.series()).as("Prometheus series of %s (%s)", meter.name(), meter.type())
                    .containsExactlyInAnyOrderElementsOf(scrape.seriesNames());
            for (String series : scrape.seriesNames()) {
                assertThat(scrape.labels(series)).as("labels of %s", series).contains("application")
                        .hasSize(1 + meter.tags().size() + (series.endsWith("_bucket") ? 1 : 0));
            }
        }
    }
}
