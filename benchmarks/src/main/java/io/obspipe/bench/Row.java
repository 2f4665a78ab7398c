package io.obspipe.bench;

import java.util.Locale;

/**
 * One figure of a scenario next to the baseline measured in the same run.
 *
 * @param scenario scenario name
 * @param figure   what was measured, e.g. {@code files/s end to end}
 * @param value    the figure, in {@code unit}
 * @param unit     e.g. {@code files/s}, {@code ms}, {@code MB/s}
 * @param baseline the same measure of the baseline, in the same unit; null where none applies
 * @param target   what the issue asks for, in words; empty if it asks nothing of this figure
 * @param met      whether the target was met; null where there is no target
 * @param note     more numbers for the reader (e.g. p50 / p95 / p99), may be empty
 */
public record Row(String scenario, String figure, double value, String unit, Double baseline, String target, Boolean met,
                  String note) {

    public Double ratio() {
        return baseline == null || baseline == 0 ? null : value / baseline;
    }

    public String shownValue() {
        return number(value) + " " + unit;
    }

    public String shownBaseline() {
        return baseline == null ? "—" : number(baseline) + " " + unit;
    }

    public String shownRatio() {
        Double ratio = ratio();
        return ratio == null ? "—" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    public String shownMet() {
        return met == null ? "—" : met ? "yes" : "NO";
    }

    static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }
}
