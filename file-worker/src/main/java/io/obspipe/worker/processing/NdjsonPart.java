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
 * The records of a run of whole NDJSON lines (see {@link NdjsonProcessor}): their number, their types
 * and the union of the top-level keys of the object records.
 *
 * <p>One streaming parser reads the lines (so even a huge record is never held as a line string);
 * the one-record-per-line rule is checked from the line numbers where each record starts and ends.
 */
final class NdjsonPart extends ContentPart<NdjsonPart> {

    private long records;
    private final Map<String, Long> recordTypes = new TreeMap<>();
    private final BoundedNames keys = new BoundedNames(NdjsonProcessor.MAX_LISTED_KEYS);
    private long lineFeeds;
    /** Line breaks as the JSON parser counts them: a lone {@code \r} too. */
    private long lineBreaks;

    /** Reads {@code in} to its end; see {@link LineParts.LineParser}. */
    static NdjsonPart read(InputStream in, String key, long byteOffset, NdjsonPart before, boolean atContentStart)
            throws IOException {
        NdjsonPart part = new NdjsonPart();
        long linesBefore = before == null ? 0 : before.lineBreaks;
        StrictTextReader text = StrictTextReader.utf8(in, key, byteOffset, before == null ? 0 : before.lineFeeds, atContentStart);
        try (JsonParser parser = MessageCodec.mapper().createParser(text)) {
            long previousRecordLine = 0;
            for (JsonToken start = parser.nextToken(); start != null; start = parser.nextToken()) {
                long line = linesBefore + parser.currentTokenLocation().getLineNr();
                if (line == previousRecordLine) {
                    throw new CorruptContentException(key + " is not valid NDJSON: line " + line
                            + " holds more than one JSON value");
                }
                part.records++;
                part.recordTypes.merge(JsonValueType.of(start), 1L, Long::sum);
                if (start == JsonToken.START_OBJECT) {
                    collectKeys(parser, part.keys);
                } else {
                    parser.skipChildren();
                }
                if (linesBefore + parser.currentTokenLocation().getLineNr() != line) {
                    throw new CorruptContentException(key + " is not valid NDJSON: the record starting on line "
                            + line + " continues on the next line (each record must be on a single line)");
                }
                previousRecordLine = line;
            }
            part.lineBreaks = parser.currentLocation().getLineNr() - 1;
            part.lineFeeds = text.lineFeeds();
        } catch (JacksonException e) {
            throw JsonReadFailures.translate(e, key, "NDJSON", linesBefore);
        }
        return part;
    }

    private static void collectKeys(JsonParser parser, BoundedNames keys) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            keys.add(parser.currentName());
            parser.nextToken();
            parser.skipChildren();
        }
    }

    @Override
    void mergeStatistics(NdjsonPart later) {
        records += later.records;
        later.recordTypes.forEach((type, count) -> recordTypes.merge(type, count, Long::sum));
        keys.merge(later.keys);
        lineFeeds += later.lineFeeds;
        lineBreaks += later.lineBreaks;
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("record_count", records);
        summary.put("record_types", recordTypes);
        summary.put("keys", keys.names());
        if (keys.capped()) {
            summary.put("keys_capped", true);
        }
        return summary;
    }
}
