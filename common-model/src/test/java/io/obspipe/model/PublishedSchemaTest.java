package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas in docs/schemas describe exactly the fields the records write and read. */
class PublishedSchemaTest {

    private static final Path SCHEMAS = Path.of(System.getProperty("pipeline.root", ".."), "docs", "schemas");

    @Test
    void taskSchemaListsEveryTaskField() throws IOException {
        JsonNode schema = read("task.schema.json");

        assertThat(propertyNames(schema)).isEqualTo(jsonNames(FileTask.class));
        assertThat(schema.get("required").valueStream().map(JsonNode::asString).toList()).containsExactly("key");
        for (JsonNode example : schema.get("examples")) {
            assertThat(MessageCodec.decodeTask(example.toString()).key()).isNotBlank();
        }
    }

    @Test
    void resultSchemaListsEveryResultFieldAndEnum() throws IOException {
        JsonNode schema = read("result.schema.json");

        assertThat(propertyNames(schema)).isEqualTo(jsonNames(ProcessingResult.class));
        assertThat(enumValues(schema, "error_code")).isEqualTo(wireNames(ErrorCode.class));
        assertThat(enumValues(schema, "status")).isEqualTo(wireNames(ResultStatus.class));
        assertThat(enumValues(schema, "worker_type")).isEqualTo(wireNames(WorkerType.class));
        assertThat(new TreeSet<>(List.copyOf(schema.at("/properties/file_info/properties").propertyNames())))
                .isEqualTo(jsonNames(FileInfo.class));
        assertThat(new TreeSet<>(List.copyOf(schema.at("/properties/analysis/properties").propertyNames())))
                .isEqualTo(jsonNames(Analysis.class));
        assertThat(enumValues(schema, "analysis/properties/error_code")).isEqualTo(wireNames(AnalysisErrorCode.class));
    }

    private static JsonNode read(String name) throws IOException {
        return MessageCodec.mapper().readTree(Files.readString(SCHEMAS.resolve(name)));
    }

    private static Set<String> propertyNames(JsonNode schema) {
        return new TreeSet<>(List.copyOf(schema.get("properties").propertyNames()));
    }

    private static Set<String> enumValues(JsonNode schema, String property) {
        return schema.at("/properties/" + property + "/enum").valueStream().map(JsonNode::asString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> jsonNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(component -> fieldAnnotation(type, component.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String fieldAnnotation(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <E extends Enum<E>> Set<String> wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(constant -> {
            try {
                return type.getField(constant.name()).getAnnotation(JsonProperty.class).value();
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toCollection(TreeSet::new));
    }
}
