package io.obspipe.worker.processing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A processor's summary, written as the {@code summary} object of the output document. Values are
 * JSON-friendly: strings, numbers, booleans, lists and maps of these. Insertion order is kept.
 */
public record ProcessingReport(String format, Map<String, Object> summary) {

    public ProcessingReport {
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }
}
