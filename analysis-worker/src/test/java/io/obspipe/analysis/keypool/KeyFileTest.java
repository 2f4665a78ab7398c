package io.obspipe.analysis.keypool;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFileTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("api_keys.yaml"), yaml);
    }

    @Test
    void readsTheSeedsShapeWithSecretsFromTheEnvironment() throws IOException {
        Path file = file("""
                selection_strategy: weighted
                cooling:
                  min_cooldown: 2
                  max_cooldown: 30
                keys:
                  - id: key-001
                    api_key: "${FIRST_KEY}"
                    priority: 2
                    qps_limit: 10
                    rpm_limit: 600
                  - id: key-002
                    api_key: sk-inline-secret
                    qps_limit: 5
                    rpm_limit: 100
                    tpm_limit: 40000
                """);

        KeyFile.Contents contents = KeyFile.load(file, Map.of("FIRST_KEY", "sk-from-env")::get);

        assertThat(contents.keys()).containsExactly(new ApiKeySpec("key-001", "sk-from-env", 2, 10, 600, null),
                new ApiKeySpec("key-002", "sk-inline-secret", 1, 5, 100, 40000));
        assertThat(contents.selectionStrategy()).isEqualTo("weighted");
        assertThat(contents.minCoolDown()).isEqualTo(Duration.ofSeconds(2));
        assertThat(contents.maxCoolDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(contents.keys().toString()).doesNotContain("sk-from-env", "sk-inline-secret");
    }

    @Test
    void keysWhoseVariableIsUnsetOrThatAreDisabledAreLeftOut() throws IOException {
        Path file = file("""
                keys:
                  - {id: a, api_key: "${UNSET_KEY}", qps_limit: 1, rpm_limit: 60}
                  - {id: b, api_key: sk-b, qps_limit: 1, rpm_limit: 60, enabled: false}
                  - {id: c, api_key: sk-c, qps_limit: 1, rpm_limit: 60}
                """);

        assertThat(KeyFile.load(file, name -> null).keys()).extracting(ApiKeySpec::id).containsExactly("c");
    }

    @Test
    void noUsableKeyFailsStartupWithOneSentence() throws IOException {
        Path file = file("keys:\n  - {id: a, api_key: \"${UNSET_KEY}\", qps_limit: 1, rpm_limit: 60}\n");

        assertThatThrownBy(() -> KeyFile.load(file, name -> null)).isInstanceOf(PipelineConfigurationException.class)
                .hasMessage("ANALYSIS_KEYS_FILE " + file + " has no usable key: each is disabled or its api_key names an unset variable.");
    }

    @Test
    void aMalformedFileFailsStartupWithOneSentenceNamingTheProblem() throws IOException {
        assertThatThrownBy(() -> KeyFile.load(file("keys: [{id: a, api_key: x, qps_limit: 0, rpm_limit: 60}]"), name -> null))
                .hasMessageEndingWith("has key 'a' with qps_limit '0', but it must be a whole number of at least 1.");
        assertThatThrownBy(() -> KeyFile.load(file("keys: [{id: a, api_key: x, qps_limit: 1, rpm_limit: 1}, "
                + "{id: a, api_key: y, qps_limit: 1, rpm_limit: 1}]"), name -> null))
                .hasMessageEndingWith("names key id 'a' twice.");
        assertThatThrownBy(() -> KeyFile.load(file("keys: [{id: a, qps_limit: 1, rpm_limit: 1}]"), name -> null))
                .hasMessageEndingWith("has key 'a' without an api_key.");
        assertThatThrownBy(() -> KeyFile.load(file("keys: {id: a"), name -> null))
                .isInstanceOf(PipelineConfigurationException.class).hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> KeyFile.load(file("api_keys: []"), name -> null)).hasMessageEndingWith("has no 'keys' list.");
        assertThatThrownBy(() -> KeyFile.load(dir.resolve("missing.yaml"), name -> null))
                .hasMessageStartingWith("ANALYSIS_KEYS_FILE " + dir.resolve("missing.yaml") + " cannot be read");
        assertThatThrownBy(() -> KeyFile.load(null, name -> null)).hasMessageStartingWith("ANALYSIS_KEYS_FILE is not set");
    }
}
