package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static io.obspipe.worker.processing.ProcessorFixtures.process;
import static io.obspipe.worker.processing.ProcessorFixtures.resource;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class TextProcessorTest {

    private final TextProcessor processor = new TextProcessor();

    @Test
    void countsLikeWcAndTheLevelsOfALog() throws IOException {
        // wc -lwmc app.log: 7 lines, 42 words, 355 characters, 356 bytes ("café" takes two bytes for é)
        ProcessingReport report = process(processor, "logs/app.log", resource("app.log"));

        assertThat(report.format()).isEqualTo("text");
        assertThat(report.summary()).isEqualTo(Map.of(
                "lines", 7L, "words", 42L, "bytes", 356L, "characters", 355L, "log_like", true,
                "log_levels", Map.of("INFO", 2L, "DEBUG", 1L, "WARN", 1L, "ERROR", 1L)));
    }

    @Test
    void proseThatMentionsALevelIsNotALog() throws IOException {
        String readme = "# Worker\n\nIt logs at INFO by default.\nSet the level in application.yml.\n"
                + "Restart the worker after a change.\n";

        ProcessingReport report = process(processor, "README.md", utf8(readme));

        assertThat(report.summary()).isEqualTo(Map.of(
                "lines", 5L, "words", 19L, "bytes", (long) readme.length(), "characters", (long) readme.length(),
                "log_like", false));
    }

    @Test
    void levelsCountOnlyAsWholeUppercaseWords() throws IOException {
        String log = "[WARNING] disk at 91%\nlevel=ERROR code=7\nINFOS are not levels\nerror: lower case is prose\n"
                + "ERROR_CODE is one word\n";

        ProcessingReport report = process(processor, "levels.log", utf8(log));

        assertThat(report.summary()).containsEntry("log_like", false)
                .doesNotContainKey("log_levels");
        ProcessingReport mostlyLevels = process(processor, "levels.log", utf8(log + "INFO a\nINFO b\nDEBUG c\n"));
        assertThat(mostlyLevels.summary()).containsEntry("log_like", true)
                .containsEntry("log_levels", Map.of("WARNING", 1L, "ERROR", 1L, "INFO", 2L, "DEBUG", 1L));
    }

    @Test
    void aLastLineWithoutLineBreakCountsAndABomIsNotACharacter() throws IOException {
        // unlike wc, which says 1 line and 9 characters
        byte[] content = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'o', 'n', 'e', '\r', '\n', 't', 'w', 'o'};

        ProcessingReport report = process(processor, "bom.txt", content);

        assertThat(report.summary()).containsEntry("lines", 2L).containsEntry("words", 2L)
                .containsEntry("bytes", 11L).containsEntry("characters", 8L);
    }

    @Test
    void countsCharactersOutsideTheBasicPlaneOnce() throws IOException {
        ProcessingReport report = process(processor, "emoji.txt", utf8("ok 👍\n"));

        assertThat(report.summary()).containsEntry("characters", 5L).containsEntry("bytes", 8L)
                .containsEntry("words", 2L);
    }

    @Test
    void anEmptyFileHasNothingToCount() throws IOException {
        assertThat(process(processor, "empty.txt", new byte[0]).summary()).isEqualTo(Map.of(
                "lines", 0L, "words", 0L, "bytes", 0L, "characters", 0L, "log_like", false));
    }

    @Test
    void supportsTextLikeKeys() {
        assertThat(processor.supports("a.txt")).isTrue();
        assertThat(processor.supports("a.LOG")).isTrue();
        assertThat(processor.supports("a.text")).isTrue();
        assertThat(processor.supports("README.md")).isTrue();
        assertThat(processor.supports("a.csv")).isFalse();
    }
}
