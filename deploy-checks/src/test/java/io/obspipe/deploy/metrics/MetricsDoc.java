package io.obspipe.deploy.metrics;

import io.obspipe.deploy.project.ProjectFiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The meter tables of docs/metrics.md (rows whose first cell is a back-quoted meter name). */
public final class MetricsDoc {

    public static final String PATH = "docs/metrics.md";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private MetricsDoc() {
    }

    public static List<DocumentedMeter> meters() {
        List<DocumentedMeter> meters = new ArrayList<>();
        for (String line : ProjectFiles.read(PATH).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|", -1)).map(String::strip)
                    .toArray(String[]::new);
            if (cells.length != 7) {
                throw new IllegalStateException(PATH + ": a meter row needs 7 cells (Meter | App | Type | Unit | Tags | "
                        + "Prometheus series | Meaning): " + line);
            }
            meters.add(new DocumentedMeter(code(cells[0]).get(0), cells[1], cells[2], cells[3], code(cells[4]), code(cells[5])));
        }
        return meters;
    }

    private static List<String> code(String cell) {
        List<String> values = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }
}
