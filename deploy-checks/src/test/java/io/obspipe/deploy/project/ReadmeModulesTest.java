package io.obspipe.deploy.project;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's module table is where a newcomer finds a module: it names each module of the root pom, and only those. */
class ReadmeModulesTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([\\w/-]+)` \\|");

    @Test
    void theModuleTableListsEveryModule() {
        String readme = ProjectFiles.read("README.md");
        int table = readme.indexOf("\n## Modules\n");
        assertThat(table).as("README.md has a '## Modules' section").isPositive();
        String section = readme.substring(table, readme.indexOf("\n## ", table + 1));
        Set<String> rows = new LinkedHashSet<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            rows.add(row.group(1));
        }
        assertThat(rows).as("modules in README.md's module table vs the root pom's <modules>")
                .containsExactlyInAnyOrderElementsOf(ProjectFiles.modules());
    }
}
