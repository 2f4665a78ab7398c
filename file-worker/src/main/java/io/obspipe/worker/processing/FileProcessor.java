package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns an object's content into a summary document. Implementations stream: memory must not grow
 * with the size of the content. A custom processor is named by class in {@code pipeline.worker.processor-classes}
 * (WORKER_PROCESSORS, the seed's DBC_FACTORY) or is a Spring bean; the built-in ones (CSV, JSON, NDJSON, text)
 * are created by the worker's configuration. The first one that {@link #supports} a key handles it, custom
 * ones before built-ins.
 */
public interface FileProcessor {

    /** Short stable name for results, logs and metrics, e.g. {@code csv}. */
    String name();

    /**
     * What this processor handles, for messages that list the supported formats, e.g.
     * {@code csv (.csv, .tsv)}. Defaults to {@link #name()}.
     */
    default String description() {
        return name();
    }

    /**
     * Whether this processor handles the object. {@code key} is the object key with any compression
     * suffix such as {@code .gz} already removed; match on the extension, case-insensitively.
     */
    boolean supports(String key);

    /**
     * Whether this processor reads text. If so, its content arrives as UTF-8 whatever charset the object
     * is stored in (WORKER_CHARSET, WORKER_CHARSET_BY_PREFIX, auto-detection), and the output document
     * names that charset; if not, it gets the bytes as stored (decompressed).
     */
    default boolean readsText() {
        return false;
    }

    /**
     * Reads {@code content} (already decompressed, and UTF-8 if it {@link #readsText}) to its end and returns the summary. Invalid content
     * (e.g. malformed JSON, invalid UTF-8) is a {@link CorruptContentException} with a sentence that
     * says what and where; an {@link IOException} from the stream itself is passed through.
     */
    ProcessingReport process(InputStream content, ProcessingContext context) throws IOException;
}
