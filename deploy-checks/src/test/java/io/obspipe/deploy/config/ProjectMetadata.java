package io.obspipe.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obspipe.deploy.project.ProjectFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration metadata the project's modules build: spring-boot-configuration-processor writes
 * {@code target/classes/META-INF/spring-configuration-metadata.json} from the settings records (their
 * {@code @param} Javadoc is the description) and from the module's
 * {@code src/main/resources/META-INF/additional-spring-configuration-metadata.json} (Boot properties and
 * code-read variables the module maps, described by hand).
 */
final class ProjectMetadata {

    static final String PROCESSOR = "spring-boot-configuration-processor";
    private static final String BUILT = "target/classes/META-INF/spring-configuration-metadata.json";
    private static final String ADDITIONAL = "src/main/resources/META-INF/additional-spring-configuration-metadata.json";

    /** One property; {@code defaultValue} is null when the metadata gives none. */
    record Property(String name, String type, String description, String defaultValue, boolean fromRecord) {
    }

    private final Map<String, Property> properties;

    private ProjectMetadata(Map<String, Property> properties) {
        this.properties = properties;
    }

    /**
     * The metadata of an app's modules, the app's own first: where two describe a property, the first one's
     * description wins. The app module must run the processor; a library module without it has no settings.
     */
    static ProjectMetadata of(List<String> modules) {
        Map<String, Property> properties = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String module : modules) {
            if (!ProjectFiles.read(module + "/pom.xml").contains("<artifactId>" + PROCESSOR + "</artifactId>")) {
                if (module.equals(modules.get(0))) {
                    throw new IllegalStateException(module + "/pom.xml does not run " + PROCESSOR + ": add it as an optional"
                            + " dependency (as file-worker/pom.xml does), so that " + ConfigurationReference.PATH
                            + " can describe the app's settings");
                }
                continue;
            }
            Path built = ProjectFiles.path(module).resolve(BUILT);
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(module + "/" + BUILT + " is missing: build the apps first, e.g. "
                        + ConfigurationReference.REGENERATE);
            }
            // the hand-written file first: a build that compiled nothing has not merged its latest edit yet
            Path additional = ProjectFiles.path(module).resolve(ADDITIONAL);
            if (Files.isRegularFile(additional)) {
                read(additional, json, properties);
            }
            read(built, json, properties);
        }
        return new ProjectMetadata(properties);
    }

    private static void read(Path file, ObjectMapper json, Map<String, Property> properties) {
        try {
            for (JsonNode property : json.readTree(file.toFile()).path("properties")) {
                JsonNode defaultValue = property.get("defaultValue");
                properties.putIfAbsent(property.path("name").asText(), new Property(property.path("name").asText(),
                        property.path("type").asText(), property.path("description").asText(""),
                        defaultValue == null ? null : defaultValue.asText(), property.has("sourceType")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Optional<Property> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /** The properties of the settings records (not those described by hand). */
    List<Property> recordProperties() {
        return properties.values().stream().filter(Property::fromRecord).toList();
    }
}
