package io.obspipe.deploy.promql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a PromQL expression reads: its series selectors and the labels it groups or matches on.
 *
 * @param origin         where the expression is written, for messages (e.g. "alert NoProgress")
 * @param expression     the PromQL text
 * @param selectors      each metric it selects, with the label matchers of that selector
 * @param groupingLabels labels named in by / without / on / ignoring / group_left / group_right
 */
public record PromQuery(String origin, String expression, List<Selector> selectors, Set<String> groupingLabels) {

    /**
     * One series selector, e.g. {@code pipeline_worker_tasks_total{application="file-worker",status="failed"}}.
     *
     * @param metric   the metric name
     * @param matchers label → value of every matcher; the value of a non-equality matcher ({@code =~ != !~}) is null
     */
    public record Selector(String metric, Map<String, String> matchers) {

        /** The value the selector requires of a label with {@code =}, or null. */
        public String equalTo(String label) {
            return matchers.get(label);
        }

        /** The selector in PromQL with its equality matchers only, e.g. to ask Prometheus whether such series exist. */
        public String withEqualityMatchers() {
            String matching = matchers.entrySet().stream().filter(matcher -> matcher.getValue() != null)
                    .map(matcher -> matcher.getKey() + "=\"" + matcher.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(","));
            return matching.isEmpty() ? metric : metric + "{" + matching + "}";
        }
    }

    public static PromQuery parse(String origin, String expression) {
        return PromQlParser.parse(origin, expression);
    }
}
