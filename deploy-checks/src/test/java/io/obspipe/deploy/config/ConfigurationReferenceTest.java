package io.obspipe.deploy.config;

import io.obspipe.deploy.project.App;
import io.obspipe.deploy.project.ProjectFiles;
import org.junit.jupiter.api.Test;

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

/**
 * One source of truth for settings: docs/configuration.md is what the code reads ({@link ConfigurationReference}),
 * and the other files that name variables (.env.example, the README and docs/; compose and Kubernetes are
 * checked by ComposeFileTest and KubernetesManifestsTest) name only variables an app reads.
 * {@code -Dregenerate=true} writes docs/configuration.md instead of comparing it.
 */
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
        assertThat(Files.isRegularFile(doc) ? Files.readString(doc) : "")
                .as("%s is stale (the apps' settings changed); regenerate it with:%n  %s%n", ConfigurationReference.PATH,
                        ConfigurationReference.REGENERATE)
                .isEqualTo(generated);
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
