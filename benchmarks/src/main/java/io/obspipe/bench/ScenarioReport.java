package io.obspipe.bench;

import io.obspipe.bench.measure.JfrSummary;
import io.obspipe.bench.measure.ResourceWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A scenario's rows for the table, and the numbers behind them (resources, profiles) for results.md. */
public final class ScenarioReport {

    private final String scenario;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private String failure;

    public ScenarioReport(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    public ScenarioReport row(String figure, double value, String unit, Double baseline, String target, Boolean met, String note) {
        rows.add(new Row(scenario, figure, value, unit, baseline, target, met, note));
        return this;
    }

    public ScenarioReport detail(String markdown) {
        details.add(markdown);
        return this;
    }

    /**
     * CPU (cores busy on average), how long its threads waited for a core (summed over threads, so it may exceed the
     * window) and peak RSS of each process over a measured window.
     */
    public ScenarioReport resources(String title, ResourceWindow window) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%s — %.1f s, machine %.0f %% busy (all cores)%n%n| process | CPU (cores) | CPU s | waited for a core (thread-s) | peak RSS |%n|---|---|---|---|---|%n",
                title, window.seconds(), window.machineBusy() * 100));
        for (Map.Entry<String, ResourceWindow.Usage> entry : window.usage().entrySet()) {
            ResourceWindow.Usage usage = entry.getValue();
            table.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %s | %s |%n", entry.getKey(), usage.cores(), usage.cpuSeconds(),
                    Double.isNaN(usage.waitedSeconds()) ? "—" : String.format(Locale.ROOT, "%.1f", usage.waitedSeconds()),
                    usage.peakRss() == 0 ? "—" : mb(usage.peakRss())));
        }
        return detail(table.toString());
    }

    /** Heap and the hottest methods from an app's flight recording. */
    public ScenarioReport profile(String app, JfrSummary summary) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s: peak heap used %s, peak live heap after GC %s, %d execution samples%n", app, mb(summary.peakHeapUsed()),
                mb(summary.peakLiveHeap()), summary.samples()));
        if (!summary.hotMethods().isEmpty()) {
            text.append("- top frames: ").append(String.join("; ", summary.hotMethods().stream().map(Object::toString).toList()))
                    .append(System.lineSeparator());
            text.append("- own code on stack: ").append(String.join("; ", summary.hotOwnFrames().stream().map(Object::toString).toList()))
                    .append(System.lineSeparator());
        }
        return detail(text.toString());
    }

    /** The scenario stopped on an error: its rows so far stay, the report says it failed and why. */
    public ScenarioReport fail(Exception error) {
        failure = error.toString();
        return detail("FAILED: " + failure);
    }

    public boolean failed() {
        return failure != null;
    }

    public String failure() {
        return failure;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<String> details() {
        return List.copyOf(details);
    }

    public static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1_048_576.0);
    }
}
