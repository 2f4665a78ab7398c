package io.obspipe.deploy.metrics;

import java.util.List;

/**
 * One row of docs/metrics.md.
 *
 * @param name     Micrometer meter name, e.g. {@code pipeline.worker.tasks}
 * @param app      the app that registers it ({@code application} tag value)
 * @param type     counter, gauge, timer, timer with histogram, or summary
 * @param baseUnit the unit column (bytes, seconds) or empty
 * @param tags     tag keys besides {@code application}
 * @param series   the Prometheus series names the row promises
 */
public record DocumentedMeter(String name, String app, String type, String baseUnit, List<String> tags, List<String> series) {

    public static final List<String> TYPES = List.of("counter", "gauge", "timer", "timer with histogram", "summary");

    /** counter, gauge, timer or summary: the kind of Micrometer builder that registers it. */
    public String kind() {
        return type.startsWith("timer") ? "timer" : type;
    }
}
