package io.obspipe.model;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * JSON mapping of the messages on the wire. Unknown fields are ignored; a missing {@code key} or a
 * field of the wrong type is an {@link InvalidMessageException} whose message says which field.
 */
public final class MessageCodec {

    /**
     * Buffers are recycled per thread, as Jackson 2 did: the default pool, a concurrent deque shared by all threads,
     * cost the notifier's lane several percent of its time in taking and returning buffers.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("lenient-instants").addDeserializer(Instant.class, new LenientInstantDeserializer())
                    .addSerializer(Instant.class, new CanonicalInstantSerializer()))
            .addModule(new DirectCreators())
            .build();
    /** Readers bound to their type up front, so a decode does not look the deserializer up again. */
    private static final ObjectReader TASK_READER = MAPPER.readerFor(FileTask.class);
    private static final ObjectReader RESULT_READER = MAPPER.readerFor(ProcessingResult.class);
    private static final ObjectReader KEY_POOL_READER = MAPPER.readerFor(KeyPoolStatus.class);

    private MessageCodec() {
    }

    /** The mapper used for messages, for callers that write other JSON the same way (e.g. processor output). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object message) {
        return MAPPER.writeValueAsBytes(message);
    }

    public static String encodeToString(Object message) {
        return MAPPER.writeValueAsString(message);
    }

    public static FileTask decodeTask(byte[] payload) {
        FileTask task = decode(payload, TASK_READER, "task");
        if (task.key() == null || task.key().isBlank()) {
            throw new InvalidMessageException("task has no 'key' field (the object key to process is required)");
        }
        return task;
    }

    public static FileTask decodeTask(String payload) {
        return decodeTask(payload == null ? null : payload.getBytes(StandardCharsets.UTF_8));
    }

    public static ProcessingResult decodeResult(byte[] payload) {
        ProcessingResult result = decode(payload, RESULT_READER, "result");
        if (result.status() == null) {
            throw new InvalidMessageException("result has no 'status' field");
        }
        return result;
    }

    public static KeyPoolStatus decodeKeyPoolStatus(byte[] payload) {
        KeyPoolStatus status = decode(payload, KEY_POOL_READER, "key pool status");
        if (status.keys() == null) {
            throw new InvalidMessageException("key pool status has no 'keys' field");
        }
        return status;
    }

    private static <T> T decode(byte[] payload, ObjectReader reader, String what) {
        int start = firstNonWhitespace(payload);
        if (start < 0) {
            throw new InvalidMessageException(what + " message is empty");
        }
        if (payload[start] != '{') {
            throw notAnObject(payload, what);
        }
        // the common case binds straight into the record, without an intermediate tree
        try {
            return reader.readValue(payload);
        } catch (StreamReadException e) {
            throw new InvalidMessageException(what + " message is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (DatabindException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new InvalidMessageException(what + " field '" + field + "' has the wrong type or format: "
                    + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new InvalidMessageException(what + " message could not be read: " + e.getOriginalMessage(), e);
        }
    }

    /** The index of the first byte that is not JSON whitespace, or -1. */
    private static int firstNonWhitespace(byte[] payload) {
        if (payload == null) {
            return -1;
        }
        for (int i = 0; i < payload.length; i++) {
            byte b = payload[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
        }
        return -1;
    }

    /** Why a payload that does not start with '{' is no message: not JSON at all, or JSON of another kind. */
    private static InvalidMessageException notAnObject(byte[] payload, String what) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(payload);
        } catch (StreamReadException e) {
            return new InvalidMessageException(what + " message is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new InvalidMessageException(what + " message must be a JSON object, got " + describe(tree));
    }

    private static String describe(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Writes an instant as Jackson's own serializer does ({@link Instant#toString()}'s form), without the general ISO
     * formatter, which took a quarter of the time of writing a result's view to the live feed.
     */
    static final class CanonicalInstantSerializer extends StdSerializer<Instant> {

        CanonicalInstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            char[] text = new char[CanonicalInstant.MAX_LENGTH];
            int length = CanonicalInstant.format(value, text);
            if (length < 0) {
                generator.writeString(value.toString());
            } else {
                generator.writeString(text, 0, length);
            }
        }
    }

    /**
     * Accepts what producers of the seed system sent: an ISO instant ({@code 2025-08-25T12:00:00Z}),
     * an ISO date-time with offset, a local date-time taken as UTC (Python's {@code utcnow().isoformat()}),
     * or epoch milliseconds.
     */
    static final class LenientInstantDeserializer extends StdDeserializer<Instant> {

        LenientInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(parser.getLongValue());
            }
            String text = parser.getValueAsString();
            if (text == null || text.isBlank()) {
                return null;
            }
            Instant canonical = CanonicalInstant.parse(text);
            if (canonical != null) {
                return canonical;
            }
            String value = text.trim();
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notInstant) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException notOffset) {
                    try {
                        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notLocal) {
                        return (Instant) context.handleWeirdStringValue(Instant.class, value,
                                "expected an ISO-8601 date-time such as 2025-08-25T12:00:00Z");
                    }
                }
            }
        }
    }
}
