package io.obspipe.deploy.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A YAML configuration file as Spring sees it: dotted property names → values (lists joined with commas). */
final class YamlProperties {

    private YamlProperties() {
    }

    static Map<String, String> flatten(Map<String, Object> yaml) {
        Map<String, String> properties = new LinkedHashMap<>();
        flatten("", yaml, properties);
        return properties;
    }

    private static void flatten(String prefix, Object value, Map<String, String> properties) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child, properties));
        } else if (value instanceof List<?> list) {
            properties.put(prefix, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else {
            properties.put(prefix, value == null ? "" : value.toString());
        }
    }
}
