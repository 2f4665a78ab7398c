package io.obspipe.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.obspipe.model.MessageCodec;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

import java.time.Instant;
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
        return MessageCodec.encodeToString(line) + "\n";
    }
}
