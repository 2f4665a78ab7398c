package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A processor of a format whose records are lines (NDJSON, text): the same part parser reads the whole
 * object as one stream and, for a large object, each of its parts ({@link LineParts}).
 */
public abstract class LineRecordsProcessor<P extends ContentPart<P>> extends TextFormatProcessor implements PartReadingProcessor {

    private final boolean carriageReturnEndsLine;
    private final PartReading partReading;
    private final Executor partThreads;

    LineRecordsProcessor(String name, FileExtensions extensions, boolean carriageReturnEndsLine, PartReading partReading,
                         Executor partThreads) {
        super(name, extensions);
        this.carriageReturnEndsLine = carriageReturnEndsLine;
        this.partReading = partReading;
        this.partThreads = partThreads;
    }

    /** Parses whole lines that begin {@code byteOffset} bytes into the content, after the lines of {@code before}. */
    abstract P read(InputStream in, String key, long byteOffset, P before, boolean atContentStart) throws IOException;

    abstract Map<String, Object> summary(P whole);

    @Override
    public ProcessingReport process(InputStream content, ProcessingContext context) throws IOException {
        return new ProcessingReport(name(), summary(read(content, context.key(), 0, null, true)));
    }

    @Override
    public boolean readsInParts(long size) {
        return partReading.splits(size);
    }

    @Override
    public ProcessingReport process(ContentRanges content, ProcessingContext context) throws IOException {
        String key = context.key();
        LineParts<P> format = new LineParts<>(carriageReturnEndsLine,
                (in, byteOffset, before, atContentStart) -> read(in, key, byteOffset, before, atContentStart), this::summary);
        return new ProcessingReport(name(), new ParallelReading<>(content, format, key, partReading).summarize(partThreads));
    }
}
