package io.obspipe.worker.processing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts lines, words and characters of text fed to it in chunks, and which log level each line
 * carries. Lines end at {@code \n} (a {@code \r} before it is whitespace); a last line without a
 * line break counts. Words are runs of non-whitespace, as {@code wc -w} counts them; characters are
 * Unicode code points. The level of a line is its first whole word that is one of {@link #LEVELS}.
 */
final class TextStatistics {

    static final Set<String> LEVELS = Set.of("FATAL", "ERROR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE");

    private static final int SHORTEST_LEVEL = 4;
    private static final int LONGEST_LEVEL = 7;

    private long lines;
    private long words;
    private long characters;
    private final Map<String, Long> levelCounts = new TreeMap<>();
    private long leadingLines;
    private long lineLength;
    private boolean lineIndented;
    private boolean lineHasText;
    private boolean lineHasLevel;
    private boolean inWord;
    private final StringBuilder token = new StringBuilder(LONGEST_LEVEL);
    private boolean tokenTooLong;

    void accept(char[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            accept(buffer[i]);
        }
    }

    private void accept(char c) {
        if (!Character.isLowSurrogate(c)) {
            characters++;
        }
        if (c == '\n') {
            endLine();
            return;
        }
        boolean whitespace = Character.isWhitespace(c);
        if (lineLength++ == 0) {
            lineIndented = whitespace;
        }
        if (!whitespace) {
            lineHasText = true;
            if (!inWord) {
                words++;
            }
        }
        inWord = !whitespace;
        if (Character.isLetterOrDigit(c) || c == '_') {
            if (token.length() < LONGEST_LEVEL) {
                token.append(c);
            } else {
                tokenTooLong = true;
            }
        } else {
            endToken();
        }
    }

    /** Call once after the last chunk. */
    void finish() {
        if (lineLength > 0) {
            endLine();
        }
    }

    /**
     * Adds the counts of {@code later}, fed the text that follows this one's; this one's text ended
     * with a line break, so no line, word or token runs across.
     */
    void merge(TextStatistics later) {
        lines += later.lines;
        words += later.words;
        characters += later.characters;
        leadingLines += later.leadingLines;
        later.levelCounts.forEach((level, count) -> levelCounts.merge(level, count, Long::sum));
    }

    long lines() {
        return lines;
    }

    long words() {
        return words;
    }

    long characters() {
        return characters;
    }

    /** Lines per log level, for the levels that occur. */
    Map<String, Long> levelCounts() {
        return levelCounts;
    }

    /**
     * Lines that start a message: neither blank nor indented. Indented lines are mostly
     * continuations (stack-trace frames) that never carry a level.
     */
    long leadingLines() {
        return leadingLines;
    }

    private void endToken() {
        if (!lineHasLevel && !tokenTooLong && token.length() >= SHORTEST_LEVEL && LEVELS.contains(token.toString())) {
            levelCounts.merge(token.toString(), 1L, Long::sum);
            lineHasLevel = true;
        }
        token.setLength(0);
        tokenTooLong = false;
    }

    private void endLine() {
        endToken();
        lines++;
        if (lineHasText && !lineIndented) {
            leadingLines++;
        }
        lineLength = 0;
        lineIndented = false;
        lineHasText = false;
        lineHasLevel = false;
        inWord = false;
    }
}
