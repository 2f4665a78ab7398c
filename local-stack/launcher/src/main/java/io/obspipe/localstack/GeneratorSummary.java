package io.obspipe.localstack;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the task generator reported when it finished: the last line of its log that holds both
 * {@code scanned=<n>} and {@code published=<n>}.
 */
public record GeneratorSummary(int scanned, int published) {

    private static final Pattern SCANNED = Pattern.compile("\\bscanned=(\\d+)");
    private static final Pattern PUBLISHED = Pattern.compile("\\bpublished=(\\d+)");

    public static Optional<GeneratorSummary> lastIn(List<String> logLines) {
        for (int i = logLines.size() - 1; i >= 0; i--) {
            Matcher scanned = SCANNED.matcher(logLines.get(i));
            Matcher published = PUBLISHED.matcher(logLines.get(i));
            if (scanned.find() && published.find()) {
                return Optional.of(new GeneratorSummary(Integer.parseInt(scanned.group(1)), Integer.parseInt(published.group(1))));
            }
        }
        return Optional.empty();
    }
}
