package io.obspipe.deploy.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the metric names and label names out of a PromQL expression. Not a validating parser (promtool
 * is that): it tells metric names from functions, aggregations, keywords and label names, which is all
 * the cross-checks need. Range and subquery brackets ({@code [5m]}, {@code [15m:1m]},
 * {@code [$__rate_interval]}) are skipped.
 */
final class PromQlParser {

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end");

    private final String text;
    private final List<PromQuery.Selector> selectors = new ArrayList<>();
    private final Set<String> groupingLabels = new LinkedHashSet<>();
    private int position;

    private PromQlParser(String text) {
        this.text = text;
    }

    static PromQuery parse(String origin, String expression) {
        PromQlParser parser = new PromQlParser(expression);
        parser.run();
        return new PromQuery(origin, expression, List.copyOf(parser.selectors), Set.copyOf(parser.groupingLabels));
    }

    private void run() {
        while (skipSpace()) {
            char c = text.charAt(position);
            if (c == '[') {
                skipPast(']');
            } else if (c == '"' || c == '\'' || c == '`') {
                readString();
            } else if (c == '{') {
                // a selector without a metric name, e.g. {__name__="up"}
                Map<String, String> matchers = readMatchers();
                String name = matchers.remove("__name__");
                if (name != null) {
                    selectors.add(new PromQuery.Selector(name, matchers));
                }
            } else if (c == '$') {
                position++;
                readWord();
            } else if (Character.isDigit(c) || c == '.' && position + 1 < text.length() && Character.isDigit(text.charAt(position + 1))) {
                readWord();
            } else if (isWordStart(c)) {
                word(readWord());
            } else {
                position++;
            }
        }
    }

    private void word(String word) {
        if (GROUPING.contains(word)) {
            if (skipSpace() && text.charAt(position) == '(') {
                position++;
                groupingLabels.addAll(readLabelList());
            }
        } else if (AGGREGATIONS.contains(word) || KEYWORDS.contains(word) || nextIs('(')) {
            // an aggregation, a keyword or a function call: its arguments are read by the loop
        } else {
            Map<String, String> matchers = nextIs('{') ? readMatchers() : new LinkedHashMap<>();
            selectors.add(new PromQuery.Selector(word, matchers));
        }
    }

    private List<String> readLabelList() {
        List<String> labels = new ArrayList<>();
        while (skipSpace() && text.charAt(position) != ')') {
            if (isWordStart(text.charAt(position))) {
                labels.add(readWord());
            } else {
                position++;
            }
        }
        position++;
        return labels;
    }

    /** Reads {@code {label op "value", ...}}; position is at the brace. */
    private Map<String, String> readMatchers() {
        Map<String, String> matchers = new LinkedHashMap<>();
        skipSpace();
        position++;
        while (skipSpace() && text.charAt(position) != '}') {
            if (text.charAt(position) == ',') {
                position++;
                continue;
            }
            String label = readWord();
            skipSpace();
            int operatorStart = position;
            while (position < text.length() && "=!~".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            String operator = text.substring(operatorStart, position);
            skipSpace();
            String value = readString();
            if (label.isEmpty() || operator.isEmpty()) {
                throw new IllegalArgumentException("cannot read the label matchers of: " + text);
            }
            matchers.put(label, operator.equals("=") ? value : null);
        }
        position++;
        return matchers;
    }

    private String readString() {
        char quote = text.charAt(position++);
        StringBuilder value = new StringBuilder();
        while (position < text.length() && text.charAt(position) != quote) {
            if (text.charAt(position) == '\\' && quote != '`') {
                position++;
            }
            value.append(text.charAt(position++));
        }
        position++;
        return value.toString();
    }

    private String readWord() {
        int start = position;
        while (position < text.length() && (isWordStart(text.charAt(position)) || Character.isDigit(text.charAt(position))
                || text.charAt(position) == '.')) {
            position++;
        }
        return text.substring(start, position);
    }

    private void skipPast(char close) {
        int end = text.indexOf(close, position);
        position = end < 0 ? text.length() : end + 1;
    }

    private boolean nextIs(char c) {
        return skipSpace() && text.charAt(position) == c;
    }

    /** Skips white space; false at the end of the text. */
    private boolean skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position < text.length();
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }
}
