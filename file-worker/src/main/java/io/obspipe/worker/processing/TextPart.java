package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of a run of whole lines of text (see {@link TextProcessor}). Text counts as a log when
 * at least half of its leading lines (see {@link TextStatistics#leadingLines}) carry a level token.
 */
final class TextPart extends ContentPart<TextPart> {

    private static final int CHUNK_SIZE = 16 * 1024;

    private final TextStatistics statistics = new TextStatistics();
    private long bytes;
    private long lineFeeds;

    /** Reads {@code in} to its end; see {@link LineParts.LineParser}. */
    static TextPart read(InputStream in, String key, long byteOffset, TextPart before, boolean atContentStart)
            throws IOException {
        TextPart part = new TextPart();
        try (StrictTextReader reader = StrictTextReader.utf8(in, key, byteOffset, before == null ? 0 : before.lineFeeds,
                atContentStart)) {
            char[] chunk = new char[CHUNK_SIZE];
            for (int count = reader.read(chunk); count >= 0; count = reader.read(chunk)) {
                part.statistics.accept(chunk, count);
            }
            part.bytes = reader.bytesRead();
            part.lineFeeds = reader.lineFeeds();
        }
        part.statistics.finish();
        return part;
    }

    @Override
    void mergeStatistics(TextPart later) {
        statistics.merge(later.statistics);
        bytes += later.bytes;
        lineFeeds += later.lineFeeds;
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lines", statistics.lines());
        summary.put("words", statistics.words());
        summary.put("bytes", bytes);
        summary.put("characters", statistics.characters());
        boolean logLike = isLogLike();
        summary.put("log_like", logLike);
        if (logLike) {
            summary.put("log_levels", statistics.levelCounts());
        }
        return summary;
    }

    private boolean isLogLike() {
        long levelLines = statistics.levelCounts().values().stream().mapToLong(Long::longValue).sum();
        return levelLines > 0 && levelLines * 2 >= statistics.leadingLines();
    }
}
