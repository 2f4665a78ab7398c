package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts lines, words, bytes and characters of plain text, and for log files the lines per level.
 * Text counts as a log when at least half of its leading lines (see {@link TextStatistics#leadingLines})
 * carry a level token.
 */
public class TextProcessor implements FileProcessor {

    private static final FileExtensions EXTENSIONS = FileExtensions.of(".txt", ".log", ".text", ".md");
    private static final int CHUNK_SIZE = 16 * 1024;

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return EXTENSIONS.describe(name());
    }

    @Override
    public boolean supports(String key) {
        return EXTENSIONS.matches(key);
    }

    @Override
    public boolean readsText() {
        return true;
    }

    @Override
    public ProcessingReport process(InputStream content, ProcessingContext context) throws IOException {
        TextStatistics statistics = new TextStatistics();
        long bytes;
        try (StrictTextReader reader = StrictTextReader.utf8(content, context.key())) {
            char[] chunk = new char[CHUNK_SIZE];
            for (int count = reader.read(chunk); count >= 0; count = reader.read(chunk)) {
                statistics.accept(chunk, count);
            }
            bytes = reader.bytesRead();
        }
        statistics.finish();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lines", statistics.lines());
        summary.put("words", statistics.words());
        summary.put("bytes", bytes);
        summary.put("characters", statistics.characters());
        boolean logLike = isLogLike(statistics);
        summary.put("log_like", logLike);
        if (logLike) {
            summary.put("log_levels", statistics.levelCounts());
        }
        return new ProcessingReport(name(), summary);
    }

    private static boolean isLogLike(TextStatistics statistics) {
        long levelLines = statistics.levelCounts().values().stream().mapToLong(Long::longValue).sum();
        return levelLines > 0 && levelLines * 2 >= statistics.leadingLines();
    }
}
