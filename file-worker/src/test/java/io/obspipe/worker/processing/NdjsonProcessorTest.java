package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.obspipe.worker.processing.ProcessorFixtures.process;
import static io.obspipe.worker.processing.ProcessorFixtures.resource;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdjsonProcessorTest {

    private final NdjsonProcessor processor = new NdjsonProcessor();

    @Test
    void countsRecordsAndCollectsTheirTopLevelKeys() throws IOException {
        ProcessingReport report = process(processor, "events.ndjson", resource("events.ndjson"));

        assertThat(report.format()).isEqualTo("ndjson");
        assertThat(report.summary()).isEqualTo(Map.of(
                "record_count", 3L,
                "record_types", Map.of("object", 3L),
                "keys", List.of("id", "name", "tags", "nested")));
    }

    @Test
    void acceptsNonObjectRecordsAndWindowsLineBreaks() throws IOException {
        ProcessingReport report = process(processor, "mixed.jsonl", utf8("[1,2]\r\n\r\n\"text\"\r\n{\"a\":null}\r\n42"));

        assertThat(report.summary()).isEqualTo(Map.of(
                "record_count", 4L,
                "record_types", Map.of("array", 1L, "string", 1L, "object", 1L, "number", 1L),
                "keys", List.of("a")));
    }

    @Test
    void anEmptyFileHasNoRecords() throws IOException {
        assertThat(process(processor, "empty.ndjson", new byte[0]).summary())
                .containsEntry("record_count", 0L).containsEntry("keys", List.of());
    }

    @Test
    void boundsTheKeysItLists() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_200; i++) {
            lines.append("{\"key").append(i).append("\": ").append(i).append("}\n");
        }

        ProcessingReport report = process(processor, "many.ndjson", utf8(lines.toString()));

        assertThat(report.summary()).containsEntry("record_count", 1_200L).containsEntry("keys_capped", true);
        assertThat((List<?>) report.summary().get("keys")).hasSize(NdjsonProcessor.MAX_LISTED_KEYS);
    }

    @Test
    void anInvalidLineIsCorruptAndNamed() {
        assertThatThrownBy(() -> process(processor, "bad.ndjson", utf8("{\"a\":1}\n\n{\"a\":2,}\n{\"a\":3}\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("bad.ndjson is not valid NDJSON at line 3, column 8: ");
    }

    @Test
    void twoRecordsOnOneLineAreCorrupt() {
        assertThatThrownBy(() -> process(processor, "two.ndjson", utf8("{\"a\":1}\n{\"a\":2} {\"a\":3}\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("two.ndjson is not valid NDJSON: line 2 holds more than one JSON value");
    }

    @Test
    void aRecordSpreadOverLinesIsCorrupt() {
        assertThatThrownBy(() -> process(processor, "pretty.ndjson", utf8("{\"a\":1}\n{\n  \"a\": 2\n}\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("pretty.ndjson is not valid NDJSON: the record starting on line 2 continues on the next line"
                        + " (each record must be on a single line)");
    }

    @Test
    void supportsNdjsonAndJsonlKeys() {
        assertThat(processor.supports("x.ndjson")).isTrue();
        assertThat(processor.supports("x.JSONL")).isTrue();
        assertThat(processor.supports("x.json")).isFalse();
    }
}
