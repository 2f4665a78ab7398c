package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Counts lines, words, bytes and characters of plain text, and for log files the lines per level
 * (see {@link TextPart}). A large object can be read in parts, split at line feeds.
 */
public class TextProcessor extends LineRecordsProcessor<TextPart> {

    private static final FileExtensions EXTENSIONS = FileExtensions.of(".txt", ".log", ".text", ".md");

    /** Reads every object as one stream. */
    public TextProcessor() {
        this(PartReading.ONE_STREAM, Runnable::run);
    }

    /** {@code partThreads} runs the threads that read parts of a large object beside the task's own. */
    public TextProcessor(PartReading partReading, Executor partThreads) {
        // a line ends at \n only: a \r is whitespace inside the line
        super("text", EXTENSIONS, false, partReading, partThreads);
    }

    @Override
    TextPart read(InputStream in, String key, long byteOffset, TextPart before, boolean atContentStart) throws IOException {
        return TextPart.read(in, key, byteOffset, before, atContentStart);
    }

    @Override
    Map<String, Object> summary(TextPart whole) {
        return whole.summary();
    }
}
