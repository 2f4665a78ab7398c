package io.obspipe.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obspipe.deploy.project.ProjectFiles;
import io.obspipe.deploy.promql.PromQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Every PromQL expression of deploy/: Grafana dashboard panels, Prometheus alert rules, HPA external metrics. */
public final class MonitoringQueries {

    public static final String DASHBOARDS = "deploy/grafana/dashboards";
    public static final String ALERTS = "deploy/prometheus/alerts.yml";
    public static final String K8S = "deploy/k8s";

    private MonitoringQueries() {
    }

    public static List<PromQuery> all() {
        List<PromQuery> queries = new ArrayList<>();
        queries.addAll(dashboards());
        queries.addAll(alerts());
        queries.addAll(autoscalerMetrics());
        return queries;
    }

    public static List<PromQuery> dashboards() {
        List<PromQuery> queries = new ArrayList<>();
        for (Path file : files(DASHBOARDS, ".json")) {
            for (JsonNode panel : panels(json(file))) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(PromQuery.parse("dashboard " + file.getFileName() + ", panel '" + panel.path("title").asText() + "'",
                            target.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    /** Panels of a dashboard, those inside collapsed rows too. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ProjectFiles.yaml(ALERTS).get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    public static List<PromQuery> alerts() {
        return alertRules().stream()
                .map(rule -> PromQuery.parse("alert " + rule.get("alert"), String.valueOf(rule.get("expr"))))
                .toList();
    }

    /** The external metrics HorizontalPodAutoscalers scale on (served by prometheus-adapter from the same series). */
    @SuppressWarnings("unchecked")
    public static List<PromQuery> autoscalerMetrics() {
        List<PromQuery> queries = new ArrayList<>();
        for (Path file : files(K8S, ".yaml")) {
            for (Map<String, Object> object : ProjectFiles.yamlDocuments(file)) {
                if (!"HorizontalPodAutoscaler".equals(object.get("kind"))) {
                    continue;
                }
                Map<String, Object> spec = (Map<String, Object>) object.get("spec");
                for (Map<String, Object> metric : (List<Map<String, Object>>) spec.get("metrics")) {
                    Map<String, Object> external = (Map<String, Object>) metric.get("external");
                    if (external == null) {
                        continue;
                    }
                    Map<String, Object> definition = (Map<String, Object>) external.get("metric");
                    Map<String, Object> selector = (Map<String, Object>) definition.getOrDefault("selector", Map.of());
                    Map<String, String> matchers = new LinkedHashMap<>();
                    ((Map<String, Object>) selector.getOrDefault("matchLabels", Map.of()))
                            .forEach((label, value) -> matchers.put(label, String.valueOf(value)));
                    String name = String.valueOf(definition.get("name"));
                    queries.add(new PromQuery("autoscaler " + file.getFileName(), name,
                            List.of(new PromQuery.Selector(name, matchers)), Set.of()));
                }
            }
        }
        return queries;
    }

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static List<Path> files(String folder, String suffix) {
        try (Stream<Path> files = Files.list(ProjectFiles.path(folder))) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
