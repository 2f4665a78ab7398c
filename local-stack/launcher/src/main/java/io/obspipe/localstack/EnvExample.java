package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The variables of an {@code .env.example} file with their example values, for tests that feed each one a value
 * of the wrong type: what an app must answer is inferred from the example ({@code 4}, {@code 30s}, {@code 10GB},
 * {@code true}) or from alternatives listed first in the comment ({@code # earliest|latest}).
 */
public record EnvExample(List<Variable> variables) {

    private static final Pattern LINE = Pattern.compile("([A-Z][A-Z0-9_]*)=(\\S*)\\s*(?:#\\s*(.*))?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern DURATION = Pattern.compile("\\d+(ns|us|ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("\\d+(B|KB|MB|GB|TB)");
    private static final Pattern ALTERNATIVES = Pattern.compile("[\\w-]+(\\|[\\w-]+)+");

    public static EnvExample read(Path file) {
        try {
            return new EnvExample(Files.readAllLines(file).stream().map(String::strip).map(LINE::matcher).filter(m -> m.matches())
                    .map(m -> new Variable(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3).strip())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root {@code .env.example} of the checkout the tests run in. */
    public static EnvExample ofProject() {
        return read(ProjectLayout.locate().root().resolve(".env.example"));
    }

    public record Variable(String name, String example, String comment) {

        /** What a wrong value is told, e.g. "must be a whole number"; empty for free text, which has no wrong type. */
        public Optional<String> expectation() {
            String firstWord = comment.split("\\s+")[0];
            if (ALTERNATIVES.matcher(firstWord).matches()) {
                return Optional.of("must be one of");
            }
            if (example.equals("true") || example.equals("false")) {
                return Optional.of("must be true or false");
            }
            if (WHOLE_NUMBER.matcher(example).matches()) {
                return Optional.of("must be a whole number");
            }
            if (DURATION.matcher(example).matches()) {
                return Optional.of("must be a duration");
            }
            if (SIZE.matcher(example).matches()) {
                return Optional.of("must be a size");
            }
            return Optional.empty();
        }
    }

    /** The typed variables an app reads: those its configuration maps as {@code ${NAME:...}}, and LOG_FORMAT. */
    public List<Variable> typedVariablesReadBy(String configuration) {
        return variables.stream()
                .filter(variable -> configuration.contains("${" + variable.name() + ":") || variable.name().equals("LOG_FORMAT"))
                .filter(variable -> variable.expectation().isPresent())
                .toList();
    }

    /** The text between "Description:" and "Action:" of Spring Boot's startup failure report in {@code printed}. */
    public static String failureDescription(String printed) {
        int start = printed.indexOf("Description:");
        int end = printed.indexOf("Action:", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("no startup failure report in:\n" + printed);
        }
        return printed.substring(start + "Description:".length(), end).strip();
    }
}
