package io.obspipe.bench;

import java.util.ArrayList;
import java.util.List;

/** The table of figures: aligned text for the terminal, Markdown (with the details) for results.md. */
final class ResultTable {

    private static final List<String> HEADER = List.of("scenario", "figure", "value", "baseline", "ratio", "target", "met?");

    private ResultTable() {
    }

    static String console(List<ScenarioReport> reports) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        for (ScenarioReport report : reports) {
            report.rows().forEach(row -> lines.add(cells(row)));
            if (report.failed()) {
                lines.add(List.of(report.scenario(), "FAILED: " + report.failure(), "", "", "", "", ""));
            }
        }
        int[] widths = new int[HEADER.size()];
        lines.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                out.append(String.format("%-" + widths[i] + "s", line.get(i))).append(i < line.size() - 1 ? "  " : "");
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    static String markdown(Machine machine, BenchOptions options, List<ScenarioReport> reports) {
        StringBuilder out = new StringBuilder("# Benchmark results\n\n");
        out.append("- scale: ").append(options.scale()).append('\n')
                .append("- machine: ").append(machine.cores()).append(" cores, ").append(machine.memory()).append(", ")
                .append(machine.java()).append('\n')
                .append("- date: ").append(machine.date()).append("; load average at start: ").append(machine.loadAtStart()).append('\n')
                .append("- ratio = value / baseline, both measured in this run (the machine may be shared)\n\n");
        out.append("| ").append(String.join(" | ", HEADER)).append(" | note |\n");
        out.append("|---".repeat(HEADER.size() + 1)).append("|\n");
        for (ScenarioReport report : reports) {
            for (Row row : report.rows()) {
                out.append("| ").append(String.join(" | ", cells(row))).append(" | ").append(row.note()).append(" |\n");
            }
        }
        for (ScenarioReport report : reports) {
            out.append("\n## ").append(report.scenario()).append("\n\n");
            report.details().forEach(detail -> out.append(detail).append('\n'));
        }
        return out.toString();
    }

    private static List<String> cells(Row row) {
        return List.of(row.scenario(), row.figure(), row.shownValue(), row.shownBaseline(), row.shownRatio(), row.target(), row.shownMet());
    }
}
