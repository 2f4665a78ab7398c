package io.obspipe.localstack;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the task generator reported at the end of a scan: a line of its log that holds both
 * {@code scanned=<n>} and {@code published=<n>}. Other tokens of the line ({@code skipped=}, {@code failed=},
 * {@code new=}, {@code changed=}, {@code resumed_after=<key>}, …) are ignored, except
 * {@code unchanged=<n>} (0 when absent): objects an incremental scan did not task again.
 */
public record GeneratorSummary(int scanned, int published, int unchanged) {

    private static final Pattern SCANNED = Pattern.compile("\\bscanned=(\\d+)");
    private static final Pattern PUBLISHED = Pattern.compile("\\bpublished=(\\d+)");
    private static final Pattern UNCHANGED = Pattern.compile("\\bunchanged=(\\d+)");

    /** The summary of a one-shot run: the last such line. */
    public static Optional<GeneratorSummary> lastIn(List<String> logLines) {
        for (int i = logLines.size() - 1; i >= 0; i--) {
            Optional<GeneratorSummary> summary = of(logLines.get(i));
            if (summary.isPresent()) {
                return summary;
            }
        }
        return Optional.empty();
    }

    /** The first scan's summary in continuous mode, where every later scan adds such a line. */
    public static Optional<GeneratorSummary> firstIn(List<String> logLines) {
        return logLines.stream().map(GeneratorSummary::of).flatMap(Optional::stream).findFirst();
    }

    private static Optional<GeneratorSummary> of(String line) {
        // the counts come first in the line: a key quoted after them (resumed_after=) cannot shadow them
        Matcher scanned = SCANNED.matcher(line);
        Matcher published = PUBLISHED.matcher(line);
        if (!scanned.find() || !published.find()) {
            return Optional.empty();
        }
        Matcher unchanged = UNCHANGED.matcher(line);
        return Optional.of(new GeneratorSummary(Integer.parseInt(scanned.group(1)), Integer.parseInt(published.group(1)),
                unchanged.find() ? Integer.parseInt(unchanged.group(1)) : 0));
    }
}
