package io.obspipe.deploy.compose;

import io.obspipe.deploy.project.ProjectFiles;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/docker-compose.yml as compose reads it without a .env file: {@code ${VAR:-default}} → default. */
@SuppressWarnings("unchecked")
final class ComposeFile {

    static final String PATH = "deploy/docker-compose.yml";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private final Map<String, Object> compose = ProjectFiles.yaml(PATH);

    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError(PATH + " has no service " + name);
        }
        return service;
    }

    /** Services built from the project's Dockerfile: the app module is the build argument APP. */
    Map<String, String> appOfService() {
        Map<String, String> apps = new LinkedHashMap<>();
        services().forEach((name, service) -> {
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            if (build != null) {
                apps.put(name, String.valueOf(((Map<String, Object>) build.getOrDefault("args", Map.of())).get("APP")));
            }
        });
        return apps;
    }

    /** The service's environment with compose's defaults applied. */
    Map<String, String> environment(String serviceName) {
        Object environment = service(serviceName).getOrDefault("environment", Map.of());
        Map<String, String> resolved = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> resolved.put(key.toString(), interpolate(value == null ? "" : value.toString())));
        } else {
            for (Object entry : (List<Object>) environment) {
                String[] pair = entry.toString().split("=", 2);
                resolved.put(pair[0], interpolate(pair.length > 1 ? pair[1] : ""));
            }
        }
        return resolved;
    }

    List<String> strings(String serviceName, String key) {
        Object value = service(serviceName).get(key);
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list.stream().map(item -> interpolate(item.toString())).toList()
                : List.of(interpolate(value.toString()));
    }

    /** Every variable the file interpolates. */
    Set<String> interpolatedVariables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(ProjectFiles.read(PATH));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(2) == null ? "" : matcher.group(2)));
        }
        matcher.appendTail(result);
        return result.toString().replace("$$", "$");
    }
}
