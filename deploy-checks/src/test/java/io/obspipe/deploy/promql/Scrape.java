package io.obspipe.deploy.promql;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A Prometheus text exposition (a scrape of {@code /actuator/prometheus}): each series name with its label names. */
public final class Scrape {

    private final Map<String, Set<String>> labelsBySeries;

    private Scrape(Map<String, Set<String>> labelsBySeries) {
        this.labelsBySeries = labelsBySeries;
    }

    public static Scrape parse(String exposition) {
        Map<String, Set<String>> labelsBySeries = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && (space < 0 || brace < space) ? brace : space;
            if (nameEnd <= 0) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Set<String> labels = labelsBySeries.computeIfAbsent(line.substring(0, nameEnd), name -> new LinkedHashSet<>());
            if (nameEnd == brace) {
                labels.addAll(labelNames(line, brace + 1));
            }
        }
        return new Scrape(labelsBySeries);
    }

    public boolean has(String series) {
        return labelsBySeries.containsKey(series);
    }

    /** The label names any sample of the series carries (empty if the series is absent). */
    public Set<String> labels(String series) {
        return labelsBySeries.getOrDefault(series, Set.of());
    }

    public Set<String> seriesNames() {
        return labelsBySeries.keySet();
    }

    private static Set<String> labelNames(String line, int from) {
        Set<String> names = new LinkedHashSet<>();
        int position = from;
        while (position < line.length() && line.charAt(position) != '}') {
            int equals = line.indexOf('=', position);
            names.add(line.substring(position, equals).strip());
            // the quoted value, with \" escapes
            position = equals + 2;
            while (line.charAt(position) != '"') {
                position += line.charAt(position) == '\\' ? 2 : 1;
            }
            position++;
            if (line.charAt(position) == ',') {
                position++;
            }
        }
        return names;
    }
}
