package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * Counts lines, words, bytes and characters of plain text, and for log files the lines per level
 * (see {@link TextPart}). A large object can be read in parts, split at line feeds.
 */
public class TextProcessor implements PartReadingProcessor {

    private static final FileExtensions EXTENSIONS = FileExtensions.of(".txt", ".log", ".text", ".md");

    private final PartReading partReading;
    private final Executor partThreads;

    /** Reads every object as one stream. */
    public TextProcessor() {
        this(PartReading.ONE_STREAM, Runnable::run);
    }

    /** {@code partThreads} runs the threads that read parts of a large object beside the task's own. */
    public TextProcessor(PartReading partReading, Executor partThreads) {
        this.partReading = partReading;
        this.partThreads = partThreads;
    }

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
        return new ProcessingReport(name(), TextPart.read(content, context.key(), 0, null, true).summary());
    }

    @Override
    public boolean readsInParts(long size) {
        return partReading.splits(size);
    }

    @Override
    public ProcessingReport process(ContentRanges content, ProcessingContext context) throws IOException {
        String key = context.key();
        // a line ends at \n only: a \r is whitespace inside the line
        LineParts<TextPart> format = new LineParts<>(false,
                (in, byteOffset, before, atContentStart) -> TextPart.read(in, key, byteOffset, before, atContentStart),
                TextPart::summary);
        return new ProcessingReport(name(), new ParallelReading<>(content, format, key, partReading).summarize(partThreads));
    }
}
