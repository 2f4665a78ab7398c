package io.obspipe.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.obspipe.model.MessageCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeedJsonLogFormatterTest {

    @Test
    void writesTheSeedFieldsSoJqRecipesWork() {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("io.obspipe.worker.Task"), Level.INFO,
                "file processed", null, null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("file_key", "data/input.csv"));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("processing_time", 2.5));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("input_size", 1024L));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("output_size", 2048L));

        String line = new SeedJsonLogFormatter().format(event);

        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = MessageCodec.mapper().readTree(line);
        assertThat(json.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.get("level").asString()).isEqualTo("info");
        assertThat(json.get("event").asString()).isEqualTo("file processed");
        assertThat(json.get("logger").asString()).isEqualTo("io.obspipe.worker.Task");
        assertThat(json.get("file_key").asString()).isEqualTo("data/input.csv");
        assertThat(json.get("processing_time").asDouble()).isEqualTo(2.5);
        assertThat(json.get("input_size").asLong()).isEqualTo(1024);
        assertThat(json.get("output_size").asLong()).isEqualTo(2048);
    }

    @Test
    void theBytesWrittenToTheLogAreTheSameLineInEveryCharset() {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("io.obspipe.worker.Task"), Level.WARN,
                "处理失败", null, null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("file_key", "报表/2025 \"Q3\".csv"));
        SeedJsonLogFormatter formatter = new SeedJsonLogFormatter();

        String line = formatter.format(event);

        assertThat(formatter.formatAsBytes(event, StandardCharsets.UTF_8)).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
        assertThat(formatter.formatAsBytes(event, StandardCharsets.UTF_16)).isEqualTo(line.getBytes(StandardCharsets.UTF_16));
        assertThat(MessageCodec.mapper().readTree(line).get("file_key").asString()).isEqualTo("报表/2025 \"Q3\".csv");
    }

    @Test
    void writesEachValueAsTheMessageMapperWritesIt() {
        assertWrittenAsTheMapperWritesTheFields(false);
    }

    @Test
    void aLaterPairReplacesAnEarlierFieldInPlace() {
        assertWrittenAsTheMapperWritesTheFields(true);
    }

    @Test
    void linesWithTheNamesOfAnEarlierLineAreWrittenTheSameWay() {
        assertWrittenAsTheMapperWritesTheFields(false);
        assertWrittenAsTheMapperWritesTheFields(false);
    }

    @Test
    void aLineWithTheNamesOfAnEarlierLineAndOneThatReplacesAFieldStillReplacesIt() {
        assertWrittenAsTheMapperWritesTheFields(false);
        assertWrittenAsTheMapperWritesTheFields(true);
        assertWrittenAsTheMapperWritesTheFields(false);
    }

    private static void assertWrittenAsTheMapperWritesTheFields(boolean replacingTheLevel) {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("io.obspipe.notifier.Sinks"), Level.ERROR,
                "sinks {}", null, new Object[] {"started"});
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "a \"quoted\" \u00e9 line\nbreak");
        values.put("none", null);
        values.put("count", 3);
        values.put("size", 1L << 40);
        values.put("seconds", 0.012);
        values.put("enabled", true);
        values.put("sinks", List.of("live", "log"));
        values.put("pause", Duration.ofMillis(1500));
        values.put("at", Instant.parse("2025-08-25T12:00:00.120Z"));
        values.put("a \"quoted\" \u00e9 name", "escaped as the mapper escapes it");
        if (replacingTheLevel) {
            values.put("level", "overridden");
        }
        values.forEach((key, value) -> event.addKeyValuePair(new org.slf4j.event.KeyValuePair(key, value)));

        String line = new SeedJsonLogFormatter().format(event);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        expected.put("level", "error");
        expected.put("event", "sinks started");
        expected.put("logger", "io.obspipe.notifier.Sinks");
        expected.put("thread", event.getThreadName());
        expected.putAll(values);
        assertThat(line).isEqualTo(MessageCodec.mapper().writeValueAsString(expected) + "\n");
    }
}
