package io.obspipe.worker.processing;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.obspipe.worker.processing.ProcessorFixtures.process;
import static io.obspipe.worker.processing.ProcessorFixtures.resource;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonProcessorTest {

    private final JsonProcessor processor = new JsonProcessor();

    @Test
    void countsTheElementsOfAnArrayByType() throws IOException {
        ProcessingReport report = process(processor, "orders.json", resource("orders.json"));

        assertThat(report.format()).isEqualTo("json");
        assertThat(report.summary()).isEqualTo(Map.of(
                "type", "array",
                "record_count", 7L,
                "element_types", Map.of("object", 2L, "string", 1L, "number", 2L, "null", 1L, "array", 1L)));
    }

    @Test
    void listsTheTopLevelKeysOfAnObject() throws IOException {
        ProcessingReport report = process(processor, "config.json",
                utf8("{\"name\": \"x\", \"limits\": {\"size\": 1, \"nested\": [1, {\"deep\": 2}]}, \"tags\": [], \"on\": true}"));

        assertThat(report.summary()).isEqualTo(Map.of(
                "type", "object", "key_count", 4L, "top_level_keys", List.of("name", "limits", "tags", "on")));
    }

    @Test
    void listsAtMostABoundOfTopLevelKeys() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 1_500; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        json.append('}');

        ProcessingReport report = process(processor, "wide.json", utf8(json.toString()));

        assertThat(report.summary()).containsEntry("key_count", 1_500L).containsEntry("top_level_keys_capped", true);
        assertThat(report.summary().get("top_level_keys")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .hasSize(JsonProcessor.MAX_LISTED_KEYS).startsWith("k0", "k1").endsWith("k999");
    }

    @Test
    void aTopLevelScalarReportsItsType() throws IOException {
        assertThat(process(processor, "s.json", utf8("  \"just text\"\n")).summary()).isEqualTo(Map.of("type", "string"));
        assertThat(process(processor, "n.json", utf8("-1.5e3")).summary()).isEqualTo(Map.of("type", "number"));
    }

    @Test
    void streamsALargeArrayWithoutHoldingIt() throws IOException {
        long elements = 500_000;
        byte[] element = utf8("{\"id\":1,\"payload\":\"" + "x".repeat(100) + "\"},");
        GeneratedInputStream content = new GeneratedInputStream(utf8("["), i -> element, elements, utf8("null]"));

        ProcessingReport report = processor.process(content, new ProcessingContext("big.json", "big.json", false, 0));

        assertThat(report.summary()).containsEntry("record_count", elements + 1)
                .containsEntry("element_types", Map.of("object", elements, "null", 1L));
    }

    @Test
    void malformedJsonNamesTheLineAndColumn() {
        assertThatThrownBy(() -> process(processor, "broken.json", utf8("{\n  \"a\": 1,\n  \"b\": }\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("broken.json is not valid JSON at line 3, column 8: Unexpected character ('}'");
    }

    @Test
    void contentAfterTheTopLevelValueIsCorrupt() {
        assertThatThrownBy(() -> process(processor, "two.json", utf8("[1]\n[2]")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("two.json is not valid JSON at line 2, column 1: unexpected content after the top-level value");
        assertThatThrownBy(() -> process(processor, "garbage.json", utf8("{\"a\": 1} }")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("garbage.json is not valid JSON at line 1, column 10");
    }

    @Test
    void truncatedJsonIsCorrupt() {
        assertThatThrownBy(() -> process(processor, "cut.json", utf8("[1, 2, {\"a\": ")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("cut.json is not valid JSON at line 1")
                .hasMessageContaining("end-of-input");
    }

    @Test
    void emptyOrBlankContentIsCorrupt() {
        assertThatThrownBy(() -> process(processor, "empty.json", new byte[0]))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("empty.json is empty: it holds no JSON value");
        assertThatThrownBy(() -> process(processor, "blank.json", utf8(" \n\t\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("blank.json is empty: it holds no JSON value");
    }

    @Test
    void supportsJsonKeysOnly() {
        assertThat(processor.supports("a/b.JSON")).isTrue();
        assertThat(processor.supports("a/b.jsonl")).isFalse();
        assertThat(processor.supports("json")).isFalse();
    }
}
