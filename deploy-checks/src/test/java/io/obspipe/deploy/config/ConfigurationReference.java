package io.obspipe.deploy.config;

import io.obspipe.deploy.project.App;
import io.obspipe.deploy.project.Placeholders;
import io.obspipe.deploy.project.Placeholders.Placeholder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/configuration.md, generated from the code: each app's variables are the {@code ${VARIABLE:default}}
 * placeholders of its YAML files (pipeline-shared.yml and its application.yml) and the names its code reads;
 * a variable's meaning is the description, in the configuration metadata, of the setting it maps to. Settings
 * of the YAML files without a variable of their own are listed under the name Boot's relaxed binding gives them.
 */
final class ConfigurationReference {

    static final String PATH = "docs/configuration.md";
    static final String REGENERATE = "./mvnw -q -pl deploy-checks -am test -Dtest=ConfigurationReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dregenerate=true";
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern WHOLE_VARIABLE = Pattern.compile("<([A-Za-z0-9_.-]+)>");
    private static final Pattern JAVADOC_TAG = Pattern.compile("\\{@(?:code|literal) ([^}]*)}|\\{@link(?:plain)? (?:[\\w.]*\\.)?([^}\\s]+)[^}]*}");

    enum Origin {
        SEED("seed"), OWN("own"), RELAXED("relaxed binding");

        final String label;

        Origin(String label) {
            this.label = label;
        }
    }

    /** One variable an app reads: the setting it maps to (its own name when the code reads it), default and meaning. */
    record Entry(String variable, String setting, String defaultValue, String meaning, Origin origin) {
    }

    private final Map<String, List<Entry>> entriesByApp = new LinkedHashMap<>();

    ConfigurationReference(List<App> apps) {
        apps.forEach(app -> entriesByApp.put(app.name(), entriesOf(app)));
    }

    /** Every variable the reference documents, over all apps. */
    Set<String> variables() {
        Set<String> variables = new LinkedHashSet<>();
        entriesByApp.values().forEach(entries -> entries.forEach(entry -> variables.add(entry.variable())));
        return variables;
    }

    List<Entry> entries(String app) {
        return entriesByApp.get(app);
    }

    String markdown() {
        List<Entry> shared = new ArrayList<>(entriesByApp.values().iterator().next());
        entriesByApp.values().forEach(shared::retainAll);
        StringBuilder doc = new StringBuilder();
        doc.append("# Configuration reference\n\n")
                .append("<!-- Generated from the code by ConfigurationReferenceTest (deploy-checks); do not edit. Regenerate with:\n     ")
                .append(REGENERATE).append(" -->\n\n")
                .append("""
                        Every setting of the apps is an environment variable, and every one has a default. This page is
                        generated from the code: the variables are those the apps' YAML files map onto settings
                        (`pipeline-shared.yml`, read by every app, and each app's `application.yml`) and those the code
                        reads by name; the meanings are the settings' descriptions in Spring Boot's configuration
                        metadata (the settings records' Javadoc). A test fails when it no longer matches the code.

                        *origin*: **seed** — a variable of the Python system this project replaces, with the same
                        meaning ([compatibility.md](compatibility.md)); **own** — this project's; **relaxed binding** —
                        a setting without a variable of its own, set through the name Spring Boot derives from it. Any
                        other Spring Boot setting can be given the same way, e.g. `SPRING_KAFKA_CONSUMER_PROPERTIES_FETCH_MAX_BYTES`
                        or `MANAGEMENT_SERVER_PORT`. A value of the wrong type or out of range stops the app at startup
                        with one sentence naming the variable.

                        """);
        appendTable(doc, "Every app", "Read by every app through `pipeline-shared.yml`; the notifier uses no object"
                + " store and ignores the `OBS_*` settings.", shared);
        entriesByApp.forEach((app, entries) -> appendTable(doc, app, "",
                entries.stream().filter(entry -> !shared.contains(entry)).toList()));
        doc.append("## Seed variables without effect\n\n")
                .append("Accepted, so an existing `.env` keeps working, and ignored:\n\n");
        SeedVariables.WITHOUT_EFFECT.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(ignored -> doc.append("- `").append(ignored.getKey()).append("`: ").append(ignored.getValue()).append(".\n"));
        return doc.toString();
    }

    private static void appendTable(StringBuilder doc, String title, String intro, List<Entry> entries) {
        doc.append("## ").append(title).append("\n\n");
        if (!intro.isEmpty()) {
            doc.append(intro).append("\n\n");
        }
        doc.append("| variable | default | meaning | setting | origin |\n| --- | --- | --- | --- | --- |\n");
        for (Entry entry : entries) {
            doc.append("| `").append(entry.variable()).append("` | ").append(cell(entry.defaultValue())).append(" | ")
                    .append(cell(entry.meaning())).append(" | ")
                    .append(entry.setting().equals(entry.variable()) ? "read by name" : "`" + entry.setting() + "`").append(" | ")
                    .append(entry.origin().label).append(" |\n");
        }
        doc.append('\n');
    }

    private static List<Entry> entriesOf(App app) {
        ProjectMetadata metadata = ProjectMetadata.of(app.modules());
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<String> mappedSettings = new LinkedHashSet<>();
        app.properties().forEach((setting, raw) -> {
            Map<String, String> fallbackOf = new LinkedHashMap<>();
            for (Placeholder placeholder : Placeholders.in(raw)) {
                String variable = placeholder.name();
                if (!VARIABLE.matcher(variable).matches()) {
                    continue;
                }
                mappedSettings.add(setting);
                if (!entries.containsKey(variable)) {
                    String meaning = describe(app, metadata, setting, variable)
                            + (fallbackOf.containsKey(variable) ? " (read when `" + fallbackOf.get(variable) + "` is unset)" : "");
                    entries.put(variable, new Entry(variable, setting, defaultOf(app, placeholder.defaultValue()), meaning,
                            SeedVariables.NAMES.contains(variable) ? Origin.SEED : Origin.OWN));
                }
                if (placeholder.defaultValue() != null) {
                    Placeholders.in(placeholder.defaultValue()).forEach(inner -> fallbackOf.putIfAbsent(inner.name(), variable));
                }
            }
        });
        for (String variable : app.environmentNames()) {
            if (!entries.containsKey(variable)) {
                ProjectMetadata.Property described = metadata.property(variable).orElseThrow(() -> undescribed(app, variable, variable));
                entries.put(variable, new Entry(variable, variable, defaultOf(app, described.defaultValue()),
                        text(app, variable, variable, described.description()),
                        SeedVariables.NAMES.contains(variable) ? Origin.SEED : Origin.OWN));
            }
        }
        app.properties().forEach((setting, raw) -> {
            if (setting.startsWith("pipeline.") && !mappedSettings.contains(setting) && Placeholders.in(raw).isEmpty()) {
                String variable = App.relaxedVariable(setting);
                entries.put(variable, new Entry(variable, setting, defaultOf(app, raw), describe(app, metadata, setting, variable), Origin.RELAXED));
            }
        });
        for (ProjectMetadata.Property property : metadata.recordProperties()) {
            String group = property.name().substring(0, property.name().lastIndexOf('.') + 1);
            boolean appConfiguresItsGroup = app.properties().keySet().stream().anyMatch(setting -> setting.startsWith(group));
            if (appConfiguresItsGroup && !mappedSettings.contains(property.name()) && !app.properties().containsKey(property.name())) {
                String variable = App.relaxedVariable(property.name());
                entries.put(variable, new Entry(variable, property.name(), defaultOf(app, property.defaultValue()),
                        text(app, property.name(), variable, property.description()), Origin.RELAXED));
            }
        }
        return List.copyOf(entries.values());
    }

    private static String describe(App app, ProjectMetadata metadata, String setting, String variable) {
        return text(app, setting, variable, metadata.property(setting).map(ProjectMetadata.Property::description).orElse(""));
    }

    private static String text(App app, String setting, String variable, String description) {
        if (description == null || description.isBlank()) {
            throw undescribed(app, setting, variable);
        }
        Matcher tag = JAVADOC_TAG.matcher(description.replaceAll("\\s+", " ").strip());
        StringBuilder text = new StringBuilder();
        while (tag.find()) {
            tag.appendReplacement(text, Matcher.quoteReplacement(tag.group(1) != null ? "`" + tag.group(1) + "`" : tag.group(2)));
        }
        tag.appendTail(text);
        String sentence = text.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + (sentence.endsWith(".") ? "" : ".");
    }

    private static IllegalStateException undescribed(App app, String setting, String variable) {
        return new IllegalStateException(app.name() + " reads " + variable + " (setting " + setting + "), which the configuration"
                + " metadata does not describe: describe it in its settings record's @param Javadoc, or in"
                + " src/main/resources/META-INF/additional-spring-configuration-metadata.json of the module whose YAML or code reads it");
    }

    /**
     * A default as the reference shows it: {@code —} when empty; {@code as `DBC_FACTORY`} when it is the value of
     * another variable ({@code ${DBC_FACTORY:}}, or of a setting mapped from one: {@code ${pipeline.obs.source-bucket:}});
     * else the value, with the variables it contains in angle brackets.
     */
    private static String defaultOf(App app, String raw) {
        if (raw == null || raw.isEmpty()) {
            return "—";
        }
        String shown = Placeholders.resolve(raw, name -> "<" + variableOf(app, name) + ">");
        Matcher whole = WHOLE_VARIABLE.matcher(shown);
        return whole.matches() ? "as `" + whole.group(1) + "`" : "`" + shown + "`";
    }

    /** The variable behind a placeholder: itself, or the variable the named setting is mapped from. */
    private static String variableOf(App app, String name) {
        if (VARIABLE.matcher(name).matches()) {
            return name;
        }
        String raw = app.properties().get(name);
        List<Placeholder> placeholders = raw == null ? List.of() : Placeholders.in(raw);
        return placeholders.isEmpty() ? name : variableOf(app, placeholders.get(0).name());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
