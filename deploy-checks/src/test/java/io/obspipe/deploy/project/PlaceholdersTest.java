package io.obspipe.deploy.project;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholdersTest {

    @Test
    void findsPlaceholdersInsideDefaults() {
        assertThat(Placeholders.in("${WORKER_PROCESSORS:${DBC_FACTORY:}}"))
                .containsExactly(new Placeholders.Placeholder("WORKER_PROCESSORS", "${DBC_FACTORY:}"),
                        new Placeholders.Placeholder("DBC_FACTORY", ""));
        assertThat(Placeholders.in("jdbc:h2:file:${DATA:./data}/log;X=${spring.application.name}"))
                .extracting(Placeholders.Placeholder::name).containsExactly("DATA", "spring.application.name");
    }

    @Test
    void resolvesFromTheLookupThenFromTheDefault() {
        Map<String, String> environment = Map.of("DBC_FACTORY", "my.Factory");
        assertThat(Placeholders.resolve("${WORKER_PROCESSORS:${DBC_FACTORY:}}", environment::get)).isEqualTo("my.Factory");
        assertThat(Placeholders.resolve("port ${SERVER_PORT:8081}", environment::get)).isEqualTo("port 8081");
        assertThat(Placeholders.resolve("${NO_DEFAULT}", environment::get)).as("unresolvable, as Spring would refuse it")
                .isEqualTo("${NO_DEFAULT}");
    }
}
