package io.obspipe.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.obspipe.model.MessageCodec;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's structured log line: {@code timestamp}, {@code level} (lower case), {@code event} (the
 * message), {@code logger}, {@code thread}, then every key-value pair of the event (e.g.
 * {@code file_key}, {@code processing_time}, {@code input_size}, {@code output_size}) and the MDC,
 * and {@code error} / {@code stack_trace} for exceptions. So {@code jq 'select(.processing_time)'} works.
 */
public class SeedJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    @Override
    public String format(ILoggingEvent event) {
        return MessageCodec.encodeToString(fields(event)) + "\n";
    }

    /** Writes the line's UTF-8 bytes straight from the fields, without building it as a String first. */
    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        if (!StandardCharsets.UTF_8.equals(charset)) {
            return format(event).getBytes(charset);
        }
        byte[] json = MessageCodec.encode(fields(event));
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
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
}
