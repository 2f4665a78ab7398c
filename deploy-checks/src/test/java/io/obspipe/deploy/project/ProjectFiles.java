package io.obspipe.deploy.project;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Files of the repository the checks read: the root is {@code -Dpipeline.root} (set by the build), else the parent folder. */
public final class ProjectFiles {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private ProjectFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("pipeline.root", "");
        Path root = configured.isBlank() ? Path.of("").toAbsolutePath().getParent() : Path.of(configured);
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException(root + " is not the repository root (no pom.xml and deploy/ there)");
        }
        return root;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        return read(path(relative));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A YAML file of one document, as maps and lists. */
    public static Map<String, Object> yaml(String relative) {
        return new Yaml().load(read(relative));
    }

    /** Every document of a YAML file. */
    public static List<Map<String, Object>> yamlDocuments(Path file) {
        return parseYamlDocuments(read(file));
    }

    /** Every document of a YAML text, e.g. a tool's output. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parseYamlDocuments(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** The modules listed in the root pom. */
    public static List<String> modules() {
        Matcher matcher = MODULE.matcher(read("pom.xml"));
        List<String> modules = new ArrayList<>();
        while (matcher.find()) {
            modules.add(matcher.group(1).trim());
        }
        return modules;
    }

    /** The {@code .java} files under a module's {@code src/main/java}. */
    public static List<Path> mainSources(String module) {
        Path sources = path(module).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sources, e);
        }
    }
}
