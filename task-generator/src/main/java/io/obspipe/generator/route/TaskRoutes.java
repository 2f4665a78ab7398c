package io.obspipe.generator.route;

import io.obspipe.model.Topics;
import io.obspipe.platform.config.PipelineConfigurationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which tasks topic an object goes to, by file type (TASK_ROUTES): {@code suffix,suffix:topic;...}. The
 * suffix is the key's extension after the last dot, compared case-insensitively after one trailing
 * {@code .gz} is removed ({@code a/b.csv.gz} routes as {@code csv}); keys no route names go to the default
 * topic (KAFKA_TOPIC_TASKS).
 */
public final class TaskRoutes {

    private static final String VARIABLE = "TASK_ROUTES";
    private static final String FORM = "suffix,suffix:topic;suffix:topic";
    private static final String GZIP = ".gz";

    private final String defaultTopic;
    private final Map<String, String> topicBySuffix;
    private final List<String> topics;

    private TaskRoutes(String defaultTopic, Map<String, String> topicBySuffix) {
        this.defaultTopic = defaultTopic;
        this.topicBySuffix = Map.copyOf(topicBySuffix);
        Set<String> distinct = new LinkedHashSet<>();
        distinct.add(defaultTopic);
        distinct.addAll(topicBySuffix.values());
        this.topics = List.copyOf(distinct);
    }

    /** Parses TASK_ROUTES; a null or blank spec sends everything to {@code defaultTopic}. */
    public static TaskRoutes parse(String spec, String defaultTopic) {
        Map<String, String> topicBySuffix = new LinkedHashMap<>();
        if (spec != null) {
            for (String entry : spec.split(";")) {
                if (!entry.isBlank()) {
                    addEntry(entry.strip(), topicBySuffix);
                }
            }
        }
        return new TaskRoutes(defaultTopic, topicBySuffix);
    }

    private static void addEntry(String entry, Map<String, String> topicBySuffix) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw malformed(entry, "has no ':' between its suffixes and its topic");
        }
        String topic = entry.substring(colon + 1).strip();
        if (topic.isEmpty()) {
            throw malformed(entry, "names no topic after ':'");
        }
        validateTopic(entry, topic);
        List<String> suffixes = suffixes(entry, entry.substring(0, colon));
        for (String suffix : suffixes) {
            String previous = topicBySuffix.putIfAbsent(suffix, topic);
            if (previous != null && !previous.equals(topic)) {
                throw malformed(entry, "routes suffix '" + suffix + "' to '" + topic + "' although an earlier entry routes it to '"
                        + previous + "'");
            }
        }
    }

    private static List<String> suffixes(String entry, String list) {
        if (list.isBlank()) {
            throw malformed(entry, "names no suffix before ':'");
        }
        List<String> suffixes = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String suffix = raw.strip();
            suffix = (suffix.startsWith(".") ? suffix.substring(1) : suffix).toLowerCase(Locale.ROOT);
            if (suffix.isEmpty()) {
                throw malformed(entry, "has an empty suffix");
            }
            if (suffix.contains(".") || suffix.contains("/") || suffix.chars().anyMatch(Character::isWhitespace)) {
                throw malformed(entry, "has suffix '" + raw.strip() + "', but a suffix is one extension such as csv (a trailing .gz is looked through)");
            }
            suffixes.add(suffix);
        }
        return suffixes;
    }

    /** The topic and its dead-letter topic must both be valid names, so the topic may be created with its -dlt. */
    private static void validateTopic(String entry, String topic) {
        try {
            Topic.validate(topic);
            Topic.validate(Topics.deadLetterOf(topic));
        } catch (InvalidTopicException e) {
            throw malformed(entry, "names topic '" + topic + "', which is not a valid Kafka topic name with its "
                    + Topics.DEAD_LETTER_SUFFIX + " topic (" + e.getMessage() + ")");
        }
    }

    private static PipelineConfigurationException malformed(String entry, String problem) {
        return new PipelineConfigurationException(VARIABLE + " entry '" + entry + "' " + problem + "; expected the form " + FORM + ".");
    }

    /** The topic for an object key: its route's topic, else the default topic. */
    public String topicFor(String key) {
        if (topicBySuffix.isEmpty()) {
            return defaultTopic;
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.regionMatches(true, name.length() - GZIP.length(), GZIP, 0, GZIP.length())) {
            name = name.substring(0, name.length() - GZIP.length());
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return defaultTopic;
        }
        return topicBySuffix.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), defaultTopic);
    }

    /** Every topic tasks may go to, each once: the default topic first, then the route topics in the order given. */
    public List<String> topics() {
        return topics;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    /** The routes as {@code suffix->topic} pairs, for the startup log. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        topicBySuffix.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(route -> text.append(text.isEmpty() ? "" : ", ").append(route.getKey()).append("->").append(route.getValue()));
        return text.append(text.isEmpty() ? "" : ", ").append("others->").append(defaultTopic).toString();
    }
}
