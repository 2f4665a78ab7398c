package io.obspipe.deploy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the apps' {@code /actuator/prometheus} would show for the documented meters: each registered,
 * with the documented type, unit and tags and the common {@code application} tag, in Micrometer's own
 * Prometheus registry, and scraped. So the naming rules are Micrometer's, not a copy of them.
 */
public final class DocumentedScrape {

    private DocumentedScrape() {
    }

    /** The exposition text of one meter, as its app would serve it. */
    public static String of(DocumentedMeter meter) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", meter.app());
        Tags tags = Tags.empty();
        for (String tag : meter.tags()) {
            tags = tags.and(tag, "x");
        }
        String unit = meter.baseUnit().isEmpty() ? null : meter.baseUnit();
        switch (meter.type()) {
            case "counter" -> Counter.builder(meter.name()).tags(tags).baseUnit(unit).register(registry).increment();
            case "gauge" -> Gauge.builder(meter.name(), () -> 1).tags(tags).baseUnit(unit).register(registry);
            case "timer" -> Timer.builder(meter.name()).tags(tags).register(registry).record(Duration.ofMillis(5));
            case "timer with histogram" -> Timer.builder(meter.name()).tags(tags).publishPercentileHistogram()
                    .register(registry).record(Duration.ofMillis(5));
            case "summary" -> DistributionSummary.builder(meter.name()).tags(tags).baseUnit(unit).register(registry).record(1);
            default -> throw new IllegalArgumentException(meter.name() + ": unknown type '" + meter.type() + "', use one of "
                    + DocumentedMeter.TYPES);
        }
        String scrape = registry.scrape();
        registry.close();
        return scrape;
    }

    /** The documented meters' exposition, by app. */
    public static Map<String, String> byApp(List<DocumentedMeter> meters) {
        Map<String, String> scrapes = new LinkedHashMap<>();
        for (DocumentedMeter meter : meters) {
            scrapes.merge(meter.app(), of(meter), String::concat);
        }
        return scrapes;
    }
}
