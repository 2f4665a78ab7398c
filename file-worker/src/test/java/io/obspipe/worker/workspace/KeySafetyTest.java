package io.obspipe.worker.workspace;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeySafetyTest {

    @ParameterizedTest
    @ValueSource(strings = {"data/input.csv", "a.csv", "2024/08/x y (1).json", "dots..in.name.csv", "日本/データ.csv", ".hidden.csv"})
    void ordinaryKeysAreFine(String key) {
        assertThat(KeySafety.problemWith(key)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "data/../../x.csv", "/etc/passwd", "data\\..\\x.csv", "a/./b.csv", "line\nbreak.csv",
            "nul\u0000.csv", "data/.."})
    void pathTricksAreRefusedWithAReason(String key) {
        assertThat(KeySafety.problemWith(key)).hasValueSatisfying(reason -> assertThat(reason).startsWith("key '"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak.csv", "nul\u0000.csv"})
    void controlCharactersAreShownEscaped(String key) {
        assertThat(KeySafety.problemWith(key).orElseThrow()).doesNotContain("\n").doesNotContain("\u0000").contains("\\u00");
    }
}
