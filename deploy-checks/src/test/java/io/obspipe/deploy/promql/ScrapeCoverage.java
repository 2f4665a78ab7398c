package io.obspipe.deploy.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the apps export every series that monitoring queries (dashboard panels, alert rules) read.
 * A selector must find its metric in the scrape of the app its {@code application} matcher names (any
 * app when it names none), with every label the selector matches on; the labels a query groups by must
 * be on one of its series, or be a label Prometheus adds to every target.
 */
public final class ScrapeCoverage {

    /** Labels Prometheus attaches at scrape time; they are never in an app's own exposition. */
    public static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private ScrapeCoverage() {
    }

    /**
     * @param scrapesByApp exposition text of each app, by the value of its {@code application} tag
     * @return one sentence per missing series or label; empty when everything is exported
     */
    public static List<String> problems(Map<String, String> scrapesByApp, List<PromQuery> queries) {
        Map<String, Scrape> scrapes = new LinkedHashMap<>();
        scrapesByApp.forEach((app, text) -> scrapes.put(app, Scrape.parse(text)));
        List<String> problems = new ArrayList<>();
        for (PromQuery query : queries) {
            Set<String> queryLabels = new LinkedHashSet<>(TARGET_LABELS);
            boolean allFound = true;
            for (PromQuery.Selector selector : query.selectors()) {
                String app = selector.equalTo("application");
                List<Scrape> candidates = app != null
                        ? (scrapes.containsKey(app) ? List.of(scrapes.get(app)) : List.of())
                        : List.copyOf(scrapes.values());
                Set<String> labels = new LinkedHashSet<>();
                candidates.stream().filter(scrape -> scrape.has(selector.metric()))
                        .forEach(scrape -> labels.addAll(scrape.labels(selector.metric())));
                if (candidates.stream().noneMatch(scrape -> scrape.has(selector.metric()))) {
                    problems.add(query.origin() + ": " + selector.metric() + " is not exported"
                            + (app != null ? " by " + app : " by any app"));
                    allFound = false;
                    continue;
                }
                queryLabels.addAll(labels);
                selector.matchers().keySet().stream()
                        .filter(label -> !labels.contains(label))
                        .forEach(label -> problems.add(query.origin() + ": " + selector.metric() + " has no label " + label));
            }
            if (allFound) {
                // (a missing series already explains missing labels)
                query.groupingLabels().stream()
                        .filter(label -> !queryLabels.contains(label))
                        .forEach(label -> problems.add(query.origin() + ": none of its series has the label " + label
                                + " it groups by"));
            }
        }
        return problems;
    }
}
