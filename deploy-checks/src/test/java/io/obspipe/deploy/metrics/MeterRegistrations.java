package io.obspipe.deploy.metrics;

import io.obspipe.deploy.project.ProjectFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meters the apps' main code registers by name: {@code Counter.builder("...")}, {@code registry.gauge("...")}
 * and the like, and whether a module's Kafka consumers export Kafka's client metrics.
 */
public final class MeterRegistrations {

    /** One registration site. */
    public record Registration(String name, String kind, String module, Path file) {
    }

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Timer|FunctionTimer|LongTaskTimer|DistributionSummary|Gauge|TimeGauge)\\.builder\\(\\s*\"([^\"]+)\"");
    private static final Pattern SHORTHAND = Pattern.compile("\\.(counter|timer|summary|gauge)\\(\\s*\"([^\"]+)\"");
    private static final Map<String, String> KIND = Map.of(
            "Counter", "counter", "FunctionCounter", "counter", "counter", "counter",
            "Timer", "timer", "FunctionTimer", "timer", "LongTaskTimer", "timer", "timer", "timer",
            "DistributionSummary", "summary", "summary", "summary");

    private MeterRegistrations() {
    }

    public static List<Registration> in(String module) {
        List<Registration> found = new ArrayList<>();
        for (Path file : ProjectFiles.mainSources(module)) {
            String source = ProjectFiles.read(file);
            for (Pattern pattern : List.of(BUILDER, SHORTHAND)) {
                Matcher matcher = pattern.matcher(source);
                while (matcher.find()) {
                    found.add(new Registration(matcher.group(2), KIND.getOrDefault(matcher.group(1), "gauge"), module, file));
                }
            }
        }
        return found;
    }

    /**
     * Whether the module's Kafka consumers export Kafka's client metrics: it binds {@code KafkaClientMetrics} itself,
     * or its consumers come from Spring's {@code ConsumerFactory}, to which Spring Boot adds a Micrometer listener.
     */
    public static boolean bindsKafkaClientMetrics(String module) {
        return ProjectFiles.mainSources(module).stream().map(ProjectFiles::read)
                .anyMatch(source -> source.contains("new KafkaClientMetrics(") || source.contains("ConsumerFactory<"));
    }
}
