package io.obspipe.deploy.config;

import io.obspipe.deploy.project.App;
import io.obspipe.deploy.project.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One source of truth for settings: docs/configuration.md is what the code reads ({@link ConfigurationReference}),
 * and the other files that name variables (.env.example, the README and docs/; compose and Kubernetes are
 * checked by ComposeFileTest and KubernetesManifestsTest) name only variables an app reads.
 * {@code -Dregenerate=true} writes docs/configuration.md instead of comparing it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationReferenceTest {

    private static final Pattern ENV_EXAMPLE_LINE = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=");
    /** A variable as the docs name one: {@code `NAME`} or {@code NAME=value} (not an option of a JDBC URL, {@code ;NAME=value}). */
    private static final Pattern MENTION = Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`|(?<![\\w.${;])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=");
    /** Names the docs use that are not the apps' variables. */
    private static final Set<String> NOT_APP_VARIABLES = Set.of(
            // values of KAFKA_SECURITY_PROTOCOL
            "SASL_SSL", "SASL_PLAINTEXT",
            // an option of the embedded database's JDBC URL
            "WRITE_DELAY",
            // the JVM's own
            "JAVA_TOOL_OPTIONS",
            // the AWS CLI's own settings, in the local stack's example command
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REQUEST_CHECKSUM_CALCULATION", "AWS_RESPONSE_CHECKSUM_VALIDATION");

    final List<App> apps = App.all();
    final ConfigurationReference reference = new ConfigurationReference(apps);

    @Test
    void theReferenceIsWhatTheCodeReads() throws IOException {
        Path doc = ProjectFiles.path(ConfigurationReference.PATH);
        String generated = reference.markdown();
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(doc, generated);
        }
        List<String> published = Files.isRegularFile(doc) ? Files.readAllLines(doc) : List.of();
        List<String> expected = generated.lines().toList();
        int line = 0;
        while (line < published.size() && line < expected.size() && published.get(line).equals(expected.get(line))) {
            line++;
        }
        if (line < published.size() || line < expected.size()) {
            fail("%s is stale (the apps' settings changed); at line %d it has%n  %s%nwhere the code gives%n  %s%n"
                            + "Regenerate it with:%n  %s", ConfigurationReference.PATH, line + 1,
                    line < published.size() ? published.get(line) : "(the end of the file)",
                    line < expected.size() ? expected.get(line) : "(the end of the file)", ConfigurationReference.REGENERATE);
        }
    }

    /** Otherwise a clean build could check the reference before an app's metadata is written. */
    @Test
    void deployChecksIsBuiltAfterEveryApp() {
        String pom = ProjectFiles.read("deploy-checks/pom.xml");
        assertThat(apps.stream().map(App::name).filter(app -> !pom.contains("<artifactId>" + app + "</artifactId>")))
                .as("apps missing from deploy-checks/pom.xml's build-order dependencies").isEmpty();
    }

    @Test
    void eachVariableShowsItsSettingDefaultAndOrigin() {
        assertThat(entry("file-worker", "POOL_SIZE")).isEqualTo(new ConfigurationReference.Entry("POOL_SIZE",
                "pipeline.worker.pool-size", "`4`", "Tasks processed in parallel: 1 = `single_process`, more = `multi_process`.",
                ConfigurationReference.Origin.SEED));
        assertThat(entry("file-worker", "WORKER_PROCESSORS").defaultValue()).as("a fallback variable").isEqualTo("as `DBC_FACTORY`");
        assertThat(entry("file-worker", "DBC_FACTORY").meaning()).endsWith("(read when `WORKER_PROCESSORS` is unset)");
        assertThat(entry("task-generator", "SOURCE_BUCKET").defaultValue()).as("a setting mapped from a variable")
                .isEqualTo("as `OBS_SOURCE_BUCKET`");
        assertThat(entry("result-notifier", "NOTIFIER_DB_URL").defaultValue()).startsWith("`jdbc:h2:file:<NOTIFIER_DATA_DIR>/");
        assertThat(entry("result-notifier", "NOTIFIER_REDIS_TIMEOUT").setting()).as("the first of the settings it maps to")
                .isEqualTo("spring.data.redis.timeout");
        assertThat(entry("file-worker", "LOG_FORMAT").setting()).as("read by the code by name").isEqualTo("LOG_FORMAT");
        assertThat(entry("task-generator", "PIPELINE_GENERATOR_RUNONSTARTUP").origin()).as("a setting without a variable")
                .isEqualTo(ConfigurationReference.Origin.RELAXED);
        assertThat(reference.entries("result-notifier")).extracting(ConfigurationReference.Entry::variable)
                .as("the worker's own settings").doesNotContain("POOL_SIZE", "PIPELINE_OBS_STARTUP_TIMEOUT");
    }

    @Test
    void everySeedVariableIsReadOrDeclaredWithoutEffect() {
        Set<String> read = reference.variables();
        assertThat(SeedVariables.NAMES.stream().filter(name -> !read.contains(name) && !SeedVariables.WITHOUT_EFFECT.containsKey(name)))
                .as("seed variables no app reads (an existing .env would silently lose them)").isEmpty();
        assertThat(SeedVariables.WITHOUT_EFFECT.keySet()).as("seed variables declared without effect that an app reads")
                .doesNotContainAnyElementsOf(read);
    }

    @Test
    void theEnvExampleListsEveryVariableTheAppsReadAndNoOther() {
        Set<String> listed = names(ENV_EXAMPLE_LINE, ProjectFiles.read(".env.example"));
        Set<String> expected = new LinkedHashSet<>(reference.variables());
        reference.variables().stream().filter(this::relaxedOnly).forEach(expected::remove);
        expected.addAll(SeedVariables.WITHOUT_EFFECT.keySet());
        assertThat(listed).as(".env.example (a NAME= line, commented out where it should not be set by default) vs %s",
                ConfigurationReference.PATH).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theDocsNameOnlyVariablesTheAppsRead() throws IOException {
        Set<String> composeVariables = names(ENV_EXAMPLE_LINE, ProjectFiles.read("deploy/.env.example"));
        List<String> unread = new ArrayList<>();
        for (Path file : documents()) {
            for (String name : names(MENTION, ProjectFiles.read(file))) {
                boolean read = apps.stream().anyMatch(app -> app.reads(name)) || SeedVariables.WITHOUT_EFFECT.containsKey(name);
                if (!read && !composeVariables.contains(name) && !NOT_APP_VARIABLES.contains(name)) {
                    unread.add(ProjectFiles.root().relativize(file) + ": " + name);
                }
            }
        }
        assertThat(unread).as("variables the docs name that no app reads").isEmpty();
    }

    private ConfigurationReference.Entry entry(String app, String variable) {
        return reference.entries(app).stream().filter(entry -> entry.variable().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(app + " has no entry " + variable));
    }

    private boolean relaxedOnly(String variable) {
        return apps.stream().map(app -> reference.entries(app.name())).flatMap(List::stream)
                .filter(entry -> entry.variable().equals(variable))
                .allMatch(entry -> entry.origin() == ConfigurationReference.Origin.RELAXED);
    }

    private static List<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.list(ProjectFiles.path("docs"))) {
            return Stream.concat(Stream.of(ProjectFiles.path("README.md")), docs.filter(file -> file.toString().endsWith(".md")).sorted())
                    .toList();
        }
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(matcher.groupCount()));
        }
        return names;
    }
}
