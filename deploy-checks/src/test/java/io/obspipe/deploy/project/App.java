package io.obspipe.deploy.project;

import org.springframework.boot.convert.DurationStyle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the pipeline's apps as its files define it: the module's {@code application.yml} with the
 * files it imports ({@code pipeline-shared.yml}), and the Java code of the module and of the project
 * modules it depends on. Answers which environment variables the app reads and what a setting
 * becomes under a given environment, as Spring Boot would resolve it.
 */
public final class App {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern ENV_READ_IN_CODE = Pattern.compile("(?:getenv|getProperty)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern CLASSPATH_IMPORT = Pattern.compile("classpath:([\\w./-]+)");
    private static final BootProperties BOOT = BootProperties.fromClasspath();
    /** The generator's continuous mode: set, the generator is a long-running web app. */
    static final String SCAN_INTERVAL = "pipeline.generator.scan-interval";

    private final String name;
    private final Map<String, String> properties;
    private final List<String> modules;
    private final Set<String> environmentNames;

    private App(String name, Map<String, String> properties, List<String> modules) {
        this.name = name;
        this.properties = properties;
        this.modules = modules;
        this.environmentNames = readEnvironmentNames();
    }

    /** The modules with a {@code src/main/resources/application.yml}: the apps, by module name. */
    public static List<App> all() {
        return ProjectFiles.modules().stream()
                .filter(module -> Files.isRegularFile(applicationYml(module)))
                .map(App::of)
                .toList();
    }

    public static App named(String name) {
        return all().stream().filter(app -> app.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no app module " + name));
    }

    private static App of(String module) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Object> own = ProjectFiles.yaml(module + "/src/main/resources/application.yml");
        // imported files first: the app's own file overrides them
        Object imports = YamlProperties.flatten(own).get("spring.config.import");
        if (imports != null) {
            Matcher imported = CLASSPATH_IMPORT.matcher(imports.toString());
            while (imported.find()) {
                properties.putAll(YamlProperties.flatten(ProjectFiles.yaml(resourceOfAnyModule(imported.group(1)))));
            }
        }
        properties.putAll(YamlProperties.flatten(own));
        return new App(module, properties, withProjectDependencies(module));
    }

    public String name() {
        return name;
    }

    /** The module and the project modules it runs with, whose code is part of the app. */
    public List<String> modules() {
        return modules;
    }

    /** The app's configuration files as Spring merges them: property → raw value, placeholders unresolved, in file order. */
    public Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Environment variables the app reads: placeholders of its configuration files and names its code reads. */
    public Set<String> environmentNames() {
        return environmentNames;
    }

    /**
     * Whether the app reads this variable: one of {@link #environmentNames()}, or a name Spring Boot binds
     * by itself (relaxed binding) to a property of the app's files or of Boot's configuration metadata,
     * such as {@code MANAGEMENT_SERVER_PORT} or {@code SPRING_KAFKA_CLIENT_ID}.
     */
    public boolean reads(String variable) {
        return environmentNames.contains(variable)
                || properties.keySet().stream().anyMatch(property -> BootProperties.environmentName(property).equals(variable))
                || BOOT.binds(variable);
    }

    /** The variable Spring Boot binds to a property by itself (relaxed binding): {@code pipeline.worker.pool-size} → {@code PIPELINE_WORKER_POOLSIZE}. */
    public static String relaxedVariable(String property) {
        return BootProperties.environmentName(property);
    }

    /** The setting's value under the given environment (null when it is not configured), as Boot resolves it. */
    public String setting(String property, Map<String, String> environment) {
        String fromEnvironment = environment.get(BootProperties.environmentName(property));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        String raw = properties.get(property);
        return raw == null ? null : Placeholders.resolve(raw, name -> environment.containsKey(name) ? environment.get(name)
                : properties.containsKey(name) ? setting(name, environment) : null);
    }

    public Duration duration(String property, Map<String, String> environment) {
        String value = setting(property, environment);
        if (value == null) {
            throw new IllegalStateException(name + " does not configure " + property);
        }
        return DurationStyle.detectAndParse(value);
    }

    /**
     * The longest a graceful shutdown can take: Spring waits up to {@code spring.lifecycle.timeout-per-shutdown-phase}
     * (Boot's default 30s) for each phase; the worker's consumer loop lets running tasks finish for
     * {@code pipeline.worker.shutdown-grace} plus {@code pipeline.worker.revoke-grace} for a revoked partition.
     */
    public Duration shutdownTime(Map<String, String> environment) {
        Duration lifecycle = setting("spring.lifecycle.timeout-per-shutdown-phase", environment) == null ? Duration.ofSeconds(30)
                : duration("spring.lifecycle.timeout-per-shutdown-phase", environment);
        if (setting("pipeline.worker.shutdown-grace", environment) == null) {
            return lifecycle;
        }
        Duration drain = duration("pipeline.worker.shutdown-grace", environment).plus(duration("pipeline.worker.revoke-grace", environment));
        return drain.compareTo(lifecycle) > 0 ? drain : lifecycle;
    }

    /**
     * Whether the app serves HTTP (and runs until stopped) under the given environment: its web application
     * type is not {@code none}, or it is the generator in continuous mode ({@value #SCAN_INTERVAL} set), which
     * then serves the actuator and rescans until stopped.
     */
    public boolean isWebApp(Map<String, String> environment) {
        String scanInterval = setting(SCAN_INTERVAL, environment);
        return !"none".equalsIgnoreCase(String.valueOf(setting("spring.main.web-application-type", environment)))
                || scanInterval != null && !scanInterval.isBlank();
    }

    /** Where the actuator endpoints are served: management.server.port, else server.port, else Boot's 8080. */
    public int managementPort(Map<String, String> environment) {
        String port = setting("management.server.port", environment);
        if (port == null) {
            port = setting("server.port", environment);
        }
        return port == null ? 8080 : Integer.parseInt(port.trim());
    }

    /** The path of an actuator endpoint, e.g. {@code health/readiness} → {@code /actuator/health/readiness}. */
    public String actuatorPath(String endpoint) {
        String base = setting("management.endpoints.web.base-path", Map.of());
        return (base == null ? "/actuator" : base) + "/" + endpoint;
    }

    public boolean exposesOverHttp(String endpoint) {
        String include = setting("management.endpoints.web.exposure.include", Map.of());
        return include != null && (include.equals("*") || List.of(include.split("\\s*,\\s*")).contains(endpoint));
    }

    public boolean hasHealthProbes() {
        return Boolean.parseBoolean(setting("management.endpoint.health.probes.enabled", Map.of()));
    }

    /** The module's jar as the build names it ({@code finalName}), relative to the repository root. */
    public String jarPath() {
        String pom = ProjectFiles.read(name + "/pom.xml");
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        String jar = finalName.find() ? finalName.group(1).replace("${project.artifactId}", artifactId(name)) : null;
        if (jar == null) {
            throw new IllegalStateException(name + "/pom.xml sets no finalName: its jar name carries the version");
        }
        return name + "/target/" + jar + ".jar";
    }

    private Set<String> readEnvironmentNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String value : properties.values()) {
            Placeholders.in(value).stream().map(Placeholders.Placeholder::name)
                    .filter(placeholder -> ENV_NAME.matcher(placeholder).matches())
                    .forEach(names::add);
        }
        for (String module : modules) {
            for (Path source : ProjectFiles.mainSources(module)) {
                Matcher read = ENV_READ_IN_CODE.matcher(ProjectFiles.read(source));
                while (read.find()) {
                    names.add(read.group(1));
                }
            }
        }
        return names;
    }

    private static Path applicationYml(String module) {
        return ProjectFiles.path(module).resolve("src/main/resources/application.yml");
    }

    private static String resourceOfAnyModule(String resource) {
        return ProjectFiles.modules().stream()
                .map(module -> module + "/src/main/resources/" + resource)
                .filter(candidate -> Files.isRegularFile(ProjectFiles.path(candidate)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no module has src/main/resources/" + resource));
    }

    /** The module and the project modules it depends on at run time (not test or provided scope), transitively. */
    private static List<String> withProjectDependencies(String module) {
        Map<String, String> moduleByArtifact = new LinkedHashMap<>();
        for (String candidate : ProjectFiles.modules()) {
            moduleByArtifact.put(artifactId(candidate), candidate);
        }
        List<String> found = new ArrayList<>(List.of(module));
        for (int i = 0; i < found.size(); i++) {
            Matcher dependency = DEPENDENCY.matcher(ProjectFiles.read(found.get(i) + "/pom.xml"));
            while (dependency.find()) {
                String block = dependency.group(1);
                Matcher artifact = ARTIFACT_ID.matcher(block);
                if (artifact.find() && !block.contains("<scope>test</scope>") && !block.contains("<scope>provided</scope>")) {
                    String dependencyModule = moduleByArtifact.get(artifact.group(1));
                    if (dependencyModule != null && !found.contains(dependencyModule)) {
                        found.add(dependencyModule);
                    }
                }
            }
        }
        return found;
    }

    private static String artifactId(String module) {
        // the project's own artifactId is the first one outside the parent block
        String pom = ProjectFiles.read(module + "/pom.xml").replaceFirst("(?s)<parent>.*?</parent>", "");
        Matcher artifact = ARTIFACT_ID.matcher(pom);
        if (!artifact.find()) {
            throw new IllegalStateException(module + "/pom.xml has no artifactId");
        }
        return artifact.group(1);
    }

    @Override
    public String toString() {
        return name;
    }
}
