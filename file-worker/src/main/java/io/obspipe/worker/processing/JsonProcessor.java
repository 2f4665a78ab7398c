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
 * Summarises one JSON document without building it in memory: its type, and for an array the
 * number of elements per type, for an object its top-level keys.
 */
public class JsonProcessor extends TextFormatProcessor {

    static final int MAX_LISTED_KEYS = 1_000;

    public JsonProcessor() {
        super("json", FileExtensions.of(".json"));
    }

    @Override
    public ProcessingReport process(InputStream content, ProcessingContext context) throws IOException {
        try (JsonParser parser = MessageCodec.mapper().createParser(StrictTextReader.utf8(content, context.key()))) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                throw new CorruptContentException(context.key() + " is empty: it holds no JSON value");
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("type", JsonValueType.of(root));
            if (root == JsonToken.START_ARRAY) {
                summarizeArray(parser, summary);
            } else if (root == JsonToken.START_OBJECT) {
                summarizeObject(parser, summary);
            }
            if (parser.nextToken() != null) {
                throw new CorruptContentException(context.key() + " is not valid JSON "
                        + JsonReadFailures.where(parser.currentTokenLocation())
                        + ": unexpected content after the top-level value");
            }
            return new ProcessingReport(name(), summary);
        } catch (JacksonException e) {
            throw JsonReadFailures.translate(e, context.key(), "JSON");
        }
    }

    private static void summarizeArray(JsonParser parser, Map<String, Object> summary) {
        long elements = 0;
        Map<String, Long> elementTypes = new TreeMap<>();
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            elements++;
            elementTypes.merge(JsonValueType.of(element), 1L, Long::sum);
            parser.skipChildren();
        }
        summary.put("record_count", elements);
        summary.put("element_types", elementTypes);
    }

    private static void summarizeObject(JsonParser parser, Map<String, Object> summary) {
        long keyCount = 0;
        BoundedNames keys = new BoundedNames(MAX_LISTED_KEYS);
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            keyCount++;
            keys.add(parser.currentName());
            parser.nextToken();
            parser.skipChildren();
        }
        summary.put("key_count", keyCount);
        summary.put("top_level_keys", keys.names());
        if (keys.capped()) {
            summary.put("top_level_keys_capped", true);
        }
    }
}
