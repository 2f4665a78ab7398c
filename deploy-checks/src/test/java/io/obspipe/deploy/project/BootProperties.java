package io.obspipe.deploy.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The properties Spring Boot's modules declare in their configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json} on this module's test classpath: the Boot
 * modules the apps use), to tell whether Boot binds an environment variable by itself.
 */
final class BootProperties {

    private final Set<String> environmentNames;
    /** Map-typed properties (e.g. logging.level): any variable under them binds, e.g. LOGGING_LEVEL_ORG_APACHE_KAFKA. */
    private final Set<String> mapPrefixes;

    private BootProperties(Set<String> environmentNames, Set<String> mapPrefixes) {
        this.environmentNames = environmentNames;
        this.mapPrefixes = mapPrefixes;
    }

    static BootProperties fromClasspath() {
        Set<String> names = new HashSet<>();
        Set<String> mapPrefixes = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL metadata : Collections.list(BootProperties.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = metadata.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = environmentName(property.path("name").asText());
                        names.add(name);
                        if (property.path("type").asText().startsWith("java.util.Map")) {
                            mapPrefixes.add(name + "_");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Spring Boot's configuration metadata", e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no Spring Boot configuration metadata on the classpath");
        }
        return new BootProperties(names, mapPrefixes);
    }

    boolean binds(String variable) {
        return environmentNames.contains(variable) || mapPrefixes.stream().anyMatch(variable::startsWith);
    }

    /** Boot's canonical environment variable of a property: {@code management.server.port} → {@code MANAGEMENT_SERVER_PORT}. */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
