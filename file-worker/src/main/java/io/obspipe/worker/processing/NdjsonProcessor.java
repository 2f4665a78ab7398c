package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Summarises newline-delimited JSON: one JSON value per line, blank lines allowed. Reports the
 * number of records, their types and the union of the top-level keys of the object records (see
 * {@link NdjsonPart}). A large object can be read in parts, split at line breaks.
 */
public class NdjsonProcessor extends LineRecordsProcessor<NdjsonPart> {

    static final int MAX_LISTED_KEYS = 1_000;

    private static final FileExtensions EXTENSIONS = FileExtensions.of(".ndjson", ".jsonl");

    /** Reads every object as one stream. */
    public NdjsonProcessor() {
        this(PartReading.ONE_STREAM, Runnable::run);
    }

    /** {@code partThreads} runs the threads that read parts of a large object beside the task's own. */
    public NdjsonProcessor(PartReading partReading, Executor partThreads) {
        super("ndjson", EXTENSIONS, true, partReading, partThreads);
    }

    @Override
    NdjsonPart read(InputStream in, String key, long byteOffset, NdjsonPart before, boolean atContentStart) throws IOException {
        return NdjsonPart.read(in, key, byteOffset, before, atContentStart);
    }

    @Override
    Map<String, Object> summary(NdjsonPart whole) {
        return whole.summary();
    }
}
