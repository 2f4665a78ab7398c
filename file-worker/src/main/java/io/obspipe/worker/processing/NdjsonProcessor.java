package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * Summarises newline-delimited JSON: one JSON value per line, blank lines allowed. Reports the
 * number of records, their types and the union of the top-level keys of the object records (see
 * {@link NdjsonPart}). A large object can be read in parts, split at line breaks.
 */
public class NdjsonProcessor implements PartReadingProcessor {

    static final int MAX_LISTED_KEYS = 1_000;

    private static final FileExtensions EXTENSIONS = FileExtensions.of(".ndjson", ".jsonl");

    private final PartReading partReading;
    private final Executor partThreads;

    /** Reads every object as one stream. */
    public NdjsonProcessor() {
        this(PartReading.ONE_STREAM, Runnable::run);
    }

    /** {@code partThreads} runs the threads that read parts of a large object beside the task's own. */
    public NdjsonProcessor(PartReading partReading, Executor partThreads) {
        this.partReading = partReading;
        this.partThreads = partThreads;
    }

    @Override
    public String name() {
        return "ndjson";
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
        return new ProcessingReport(name(), NdjsonPart.read(content, context.key(), 0, null, true).summary());
    }

    @Override
    public boolean readsInParts(long size) {
        return partReading.splits(size);
    }

    @Override
    public ProcessingReport process(ContentRanges content, ProcessingContext context) throws IOException {
        String key = context.key();
        LineParts<NdjsonPart> format = new LineParts<>(true,
                (in, byteOffset, before, atContentStart) -> NdjsonPart.read(in, key, byteOffset, before, atContentStart),
                NdjsonPart::summary);
        return new ProcessingReport(name(), new ParallelReading<>(content, format, key, partReading).summarize(partThreads));
    }
}
