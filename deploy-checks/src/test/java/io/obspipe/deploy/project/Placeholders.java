package io.obspipe.deploy.project;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Spring's {@code ${name:default}} placeholders, nested defaults included
 * ({@code ${WORKER_PROCESSORS:${DBC_FACTORY:}}}).
 */
public final class Placeholders {

    /** One placeholder; {@code defaultValue} is null when it has none. */
    public record Placeholder(String name, String defaultValue) {
    }

    private Placeholders() {
    }

    /** Every placeholder in the text, those inside defaults too, in order of appearance. */
    public static List<Placeholder> in(String text) {
        List<Placeholder> found = new ArrayList<>();
        collect(text, found);
        return found;
    }

    /**
     * The text with each placeholder replaced by {@code lookup(name)}, or by its (resolved) default
     * when the lookup gives null; a placeholder with neither stays as it is, as Spring would refuse it.
     */
    public static String resolve(String text, Function<String, String> lookup) {
        StringBuilder resolved = new StringBuilder();
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            int end = closingBrace(text, start);
            resolved.append(text, from, start);
            Placeholder placeholder = parse(text.substring(start + 2, end));
            String value = lookup.apply(placeholder.name());
            if (value == null && placeholder.defaultValue() != null) {
                value = resolve(placeholder.defaultValue(), lookup);
            }
            resolved.append(value != null ? value : text.substring(start, end + 1));
            from = end + 1;
        }
        return resolved.append(text.substring(from)).toString();
    }

    private static void collect(String text, List<Placeholder> found) {
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            int end = closingBrace(text, start);
            Placeholder placeholder = parse(text.substring(start + 2, end));
            found.add(placeholder);
            if (placeholder.defaultValue() != null) {
                collect(placeholder.defaultValue(), found);
            }
            from = end + 1;
        }
    }

    private static Placeholder parse(String body) {
        int colon = body.indexOf(':');
        return colon < 0 ? new Placeholder(body.trim(), null) : new Placeholder(body.substring(0, colon).trim(), body.substring(colon + 1));
    }

    private static int closingBrace(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed placeholder in: " + text);
    }
}
