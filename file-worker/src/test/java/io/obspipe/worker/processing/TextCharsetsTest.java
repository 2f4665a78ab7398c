package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextCharsetsTest {

    @Test
    void theLongestMatchingPrefixWinsOverTheGlobalSetting() {
        TextCharsets charsets = TextCharsets.parse("windows-1252", " legacy/ : GBK ; legacy/jp/:Shift_JIS;inbox/:auto;");

        assertThat(charsets.forKey("legacy/a.csv")).contains(Charset.forName("GBK"));
        assertThat(charsets.forKey("legacy/jp/a.csv")).contains(Charset.forName("Shift_JIS"));
        assertThat(charsets.forKey("inbox/a.csv")).isEmpty();
        assertThat(charsets.forKey("other/a.csv")).contains(Charset.forName("windows-1252"));
        assertThat(charsets.settingFor("legacy/jp/a.csv")).isEqualTo("WORKER_CHARSET_BY_PREFIX for 'legacy/jp/'");
        assertThat(charsets.settingFor("other/a.csv")).isEqualTo("WORKER_CHARSET");
    }

    @Test
    void autoIsTheDefaultAndNamesAreCaseInsensitive() {
        assertThat(TextCharsets.parse(null, null).forKey("a.csv")).isEmpty();
        assertThat(TextCharsets.parse("AUTO", "").forKey("a.csv")).isEmpty();
        assertThat(TextCharsets.parse("utf-8", "").forKey("a.csv")).contains(StandardCharsets.UTF_8);
        assertThat(TextCharsets.parse("auto", "x/:gb18030").forKey("x/a.csv")).contains(Charset.forName("GB18030"));
    }

    @Test
    void aPrefixMayHoldAColon() {
        assertThat(TextCharsets.parse("auto", "2024:01/:GBK").forKey("2024:01/a.csv")).contains(Charset.forName("GBK"));
    }

    @Test
    void eachMistakeIsOneSentenceNamingTheVariable() {
        assertThatThrownBy(() -> TextCharsets.parse("GBX", ""))
                .hasMessage("WORKER_CHARSET names 'GBX', which is not a charset this Java runtime knows"
                        + " (use a name such as UTF-8, GB18030, GBK, Big5, Shift_JIS, windows-1252, ISO-8859-1, or auto)");
        assertThatThrownBy(() -> TextCharsets.parse("auto", "legacy/:latin-99"))
                .hasMessageStartingWith("WORKER_CHARSET_BY_PREFIX names 'latin-99', which is not a charset");
        assertThatThrownBy(() -> TextCharsets.parse("auto", "legacy/GBK"))
                .hasMessage("WORKER_CHARSET_BY_PREFIX entry 'legacy/GBK' is not prefix:charset");
        assertThatThrownBy(() -> TextCharsets.parse("auto", ":GBK"))
                .hasMessage("WORKER_CHARSET_BY_PREFIX entry ':GBK' has no key prefix (set WORKER_CHARSET for every key)");
        assertThatThrownBy(() -> TextCharsets.parse("auto", "legacy/:"))
                .hasMessage("WORKER_CHARSET_BY_PREFIX entry 'legacy/:' names no charset");
        assertThatThrownBy(() -> TextCharsets.parse("auto", "a/:GBK;a/:Big5"))
                .hasMessage("WORKER_CHARSET_BY_PREFIX names key prefix 'a/' twice");
    }
}
