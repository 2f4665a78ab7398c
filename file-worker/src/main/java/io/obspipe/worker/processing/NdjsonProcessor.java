package io.obspipe.worker.processing;

import io.obspipe.model.MessageCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summarises newline-delimited JSON: one JSON value per line, blank lines allowed. Reports the
 * number of records, their types and the union of the top-level keys of the object records.
 *
 * <p>One streaming parser reads the whole content (so even a huge record is never held as a line
 * string); the one-record-per-line rule is checked from the line numbers where each record starts
 * and ends.
 */
public class NdjsonProcessor implements FileProcessor {

    static final int MAX_LISTED_KEYS = 1_000;

    private static final FileExtensions EXTENSIONS = FileExtensions.of(".ndjson", ".jsonl");

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
        String key = context.key();
        long records = 0;
        Map<String, Long> recordTypes = new TreeMap<>();
        BoundedNames keys = new BoundedNames(MAX_LISTED_KEYS);
        try (JsonParser parser = MessageCodec.mapper().createParser(StrictTextReader.utf8(content, key))) {
            int previousRecordLine = 0;
            for (JsonToken start = parser.nextToken(); start != null; start = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                if (line == previousRecordLine) {
                    throw new CorruptContentException(key + " is not valid NDJSON: line " + line
                            + " holds more than one JSON value");
                }
                records++;
                recordTypes.merge(JsonValueType.of(start), 1L, Long::sum);
                if (start == JsonToken.START_OBJECT) {
                    collectKeys(parser, keys);
                } else {
                    parser.skipChildren();
                }
                if (parser.currentTokenLocation().getLineNr() != line) {
                    throw new CorruptContentException(key + " is not valid NDJSON: the record starting on line "
                            + line + " continues on the next line (each record must be on a single line)");
                }
                previousRecordLine = line;
            }
        } catch (JacksonException e) {
            throw JsonReadFailures.translate(e, key, "NDJSON");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("record_count", records);
        summary.put("record_types", recordTypes);
        summary.put("keys", keys.names());
        if (keys.capped()) {
            summary.put("keys_capped", true);
        }
        return new ProcessingReport(name(), summary);
    }

    private static void collectKeys(JsonParser parser, BoundedNames keys) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            keys.add(parser.currentName());
            parser.nextToken();
            parser.skipChildren();
        }
    }
}
