package io.obspipe.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.obspipe.model.MessageCodec;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.ByteArrayBuilder;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The seed's structured log line: {@code timestamp}, {@code level} (lower case), {@code event} (the
 * message), {@code logger}, {@code thread}, then every key-value pair of the event (e.g.
 * {@code file_key}, {@code processing_time}, {@code input_size}, {@code output_size}) and the MDC,
 * and {@code error} / {@code stack_trace} for exceptions. So {@code jq 'select(.processing_time)'} works.
 */
public class SeedJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    /** Enough for the fixed fields, a dozen key-value pairs and an exception without growing. */
    private static final int FIELDS_CAPACITY = 32;
    private static final int LINE_CAPACITY = 512;
    /** The fields every line starts with, in this order. */
    private static final Set<String> FIXED_NAMES = Set.of("timestamp", "level", "event", "logger", "thread");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString LEVEL = new SerializedString("level");
    private static final SerializableString EVENT = new SerializedString("event");
    private static final SerializableString LOGGER = new SerializedString("logger");
    private static final SerializableString THREAD = new SerializedString("thread");
    /** How many sets of pair names are kept: a few call sites log most lines. */
    private static final int RECENT_PAIR_NAMES = 4;

    /** The pair names of the latest plain lines, newest first; replaced as a whole, never changed. */
    private static volatile PairNames[] recentPairNames = Collections.nCopies(RECENT_PAIR_NAMES, PairNames.NONE).toArray(new PairNames[0]);

    /** The last timestamp written: the lines of one millisecond share it, rather than each formatting it again. */
    private static volatile Timestamp lastTimestamp = new Timestamp(Long.MIN_VALUE, "");

    @Override
    public String format(ILoggingEvent event) {
        return new String(utf8Line(event), StandardCharsets.UTF_8);
    }

    /** Writes the line's UTF-8 bytes straight from the fields, without building it as a String first. */
    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return StandardCharsets.UTF_8.equals(charset) ? utf8Line(event) : format(event).getBytes(charset);
    }

    /**
     * The line as UTF-8, field by field through a generator: the fields' own values are written as such, and any
     * other object as the message mapper writes it (as a map of the fields written as a whole would be).
     */
    private static byte[] utf8Line(ILoggingEvent event) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(LINE_CAPACITY);
        try (JsonGenerator json = MessageCodec.mapper().createGenerator(bytes)) {
            json.writeStartObject();
            PairNames names = plainPairNames(event);
            if (names != null) {
                writeFixedFieldsAndPairs(json, event, names);
            } else {
                for (Map.Entry<String, Object> field : fields(event).entrySet()) {
                    json.writeName(field.getKey());
                    writeValue(json, field.getValue());
                }
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
        return bytes.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else {
            json.writePOJO(value);
        }
    }

    /**
     * The names of the event's key-value pairs, ready to write, when the line is the fixed fields followed by the pairs
     * as they are: no pair replaces a fixed field or an earlier pair, and there is no MDC and no exception; else null.
     * Most lines are, and they are written without building the {@link #fields field map} first. A call site logs the
     * same names (the same String objects) on every line, so the names checked for a line are kept for the next lines
     * with the same names, and those are neither checked nor escaped again.
     */
    private static PairNames plainPairNames(ILoggingEvent event) {
        if (event.getThrowableProxy() != null || !event.getMDCPropertyMap().isEmpty()) {
            return null;
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return PairNames.NONE;
        }
        PairNames[] recent = recentPairNames;
        for (PairNames names : recent) {
            if (names.sameNamesAs(pairs)) {
                return names;
            }
        }
        for (int i = 0; i < pairs.size(); i++) {
            String key = pairs.get(i).key;
            if (key == null || FIXED_NAMES.contains(key)) {
                return null;
            }
            for (int j = 0; j < i; j++) {
                if (key.equals(pairs.get(j).key)) {
                    return null;
                }
            }
        }
        PairNames names = PairNames.of(pairs);
        PairNames[] kept = new PairNames[RECENT_PAIR_NAMES];
        kept[0] = names;
        System.arraycopy(recent, 0, kept, 1, RECENT_PAIR_NAMES - 1);
        recentPairNames = kept;
        return names;
    }

    private static void writeFixedFieldsAndPairs(JsonGenerator json, ILoggingEvent event, PairNames names) {
        json.writeName(TIMESTAMP);
        json.writeString(timestamp(event.getTimeStamp()));
        json.writeName(LEVEL);
        json.writeString(level(event.getLevel()));
        json.writeName(EVENT);
        writeValue(json, event.getFormattedMessage());
        json.writeName(LOGGER);
        writeValue(json, event.getLoggerName());
        json.writeName(THREAD);
        writeValue(json, event.getThreadName());
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        for (int i = 0; i < names.encoded.length; i++) {
            json.writeName(names.encoded[i]);
            writeValue(json, pairs.get(i).value);
        }
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>(FIELDS_CAPACITY);
        line.put("timestamp", timestamp(event.getTimeStamp()));
        line.put("level", level(event.getLevel()));
        line.put("event", event.getFormattedMessage());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                line.put(pair.key, pair.value);
            }
        }
        event.getMDCPropertyMap().forEach(line::putIfAbsent);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("error", thrown.getClassName() + ": " + thrown.getMessage());
            line.put("stack_trace", ThrowableProxyUtil.asString(thrown));
        }
        return line;
    }

    private static String timestamp(long millis) {
        Timestamp last = lastTimestamp;
        if (last.millis() != millis) {
            last = new Timestamp(millis, Instant.ofEpochMilli(millis).toString());
            lastTimestamp = last;
        }
        return last.text();
    }

    private static String level(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "error";
            case Level.WARN_INT -> "warn";
            case Level.INFO_INT -> "info";
            case Level.DEBUG_INT -> "debug";
            case Level.TRACE_INT -> "trace";
            default -> level.toString().toLowerCase(Locale.ROOT);
        };
    }

    private record Timestamp(long millis, String text) {
    }

    /** The names of a line's key-value pairs as logged, and the same names escaped and quoted once. */
    private static final class PairNames {

        static final PairNames NONE = new PairNames(new String[0]);

        private final String[] names;
        private final SerializableString[] encoded;

        private PairNames(String[] names) {
            this.names = names;
            this.encoded = new SerializableString[names.length];
            for (int i = 0; i < names.length; i++) {
                encoded[i] = new SerializedString(names[i]);
            }
        }

        static PairNames of(List<KeyValuePair> pairs) {
            String[] names = new String[pairs.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = pairs.get(i).key;
            }
            return new PairNames(names);
        }

        /** Whether the pairs have these very names (the same objects) in this order, so what was checked of them holds. */
        boolean sameNamesAs(List<KeyValuePair> pairs) {
            if (pairs.size() != names.length || names.length == 0) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                if (pairs.get(i).key != names[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
