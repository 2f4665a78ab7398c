package io.obspipe.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    @Test
    void readsTheSeedTaskExample() throws IOException {
        FileTask task = MessageCodec.decodeTask(seed("task.json"));

        assertThat(task.key()).isEqualTo("data/input.csv");
        assertThat(task.bucket()).isEqualTo("source-bucket");
        assertThat(task.destBucket()).isEqualTo("processed-bucket");
        assertThat(task.destKey()).isEqualTo("processed/input.csv.json");
        assertThat(task.size()).isEqualTo(1024L);
        assertThat(task.lastModified()).isEqualTo(Instant.parse("2025-08-25T12:00:00Z"));
        assertThat(task.generatedAt()).isEqualTo(Instant.parse("2025-08-25T12:05:00Z"));
    }

    @Test
    void writesATaskWithTheSeedFieldNamesAndIsoTimes() throws IOException {
        FileTask task = MessageCodec.decodeTask(seed("task.json"));

        JsonNode written = MessageCodec.mapper().readTree(MessageCodec.encode(task));

        assertThat(written).isEqualTo(MessageCodec.mapper().readTree(seed("task.json")));
    }

    @Test
    void legacyTaskWithOnlyAKeyGetsTheSeedDefaults() {
        FileTask task = MessageCodec.decodeTask("{\"key\":\"data/2024/a.csv\"}")
                .resolve(new TaskDefaults("input-files", "processed-files"), "tasks-0-42");

        assertThat(task.taskId()).isEqualTo("tasks-0-42");
        assertThat(task.bucket()).isEqualTo("input-files");
        assertThat(task.destBucket()).isEqualTo("processed-files");
        assertThat(task.destKey()).isEqualTo("data/2024/a.csv.parsed.json");
    }

    @Test
    void resolveKeepsWhatTheProducerSent() {
        FileTask sent = new FileTask("t-1", "k.csv", "b", "d", "out/k.json", 3L, null, null, null);

        assertThat(sent.resolve(new TaskDefaults("x", "y"), "fallback")).isEqualTo(sent);
    }

    @Test
    void toleratesUnknownFieldsAndPythonStyleTimes() {
        FileTask task = MessageCodec.decodeTask("""
                {"key":"a.txt","priority":5,"nested":{"x":1},
                 "generated_at":"2025-08-25T12:05:00.123456","last_modified":"2025-08-25T20:00:00+08:00"}""");

        assertThat(task.generatedAt()).isEqualTo(Instant.parse("2025-08-25T12:05:00.123456Z"));
        assertThat(task.lastModified()).isEqualTo(Instant.parse("2025-08-25T12:00:00Z"));
    }

    @Test
    void rejectsBadTasksWithOneClearSentence() {
        assertThatThrownBy(() -> MessageCodec.decodeTask("")).hasMessage("task message is empty");
        assertThatThrownBy(() -> MessageCodec.decodeTask("not json at all"))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("task message is not valid JSON");
        assertThatThrownBy(() -> MessageCodec.decodeTask(" \n\t ")).hasMessage("task message is empty");
        assertThatThrownBy(() -> MessageCodec.decodeTask("{\"key\":\"a.csv\""))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("task message is not valid JSON");
        assertThatThrownBy(() -> MessageCodec.decodeTask("[1,2]"))
                .hasMessage("task message must be a JSON object, got array");
        assertThatThrownBy(() -> MessageCodec.decodeTask("  null"))
                .hasMessage("task message must be a JSON object, got null");
        assertThatThrownBy(() -> MessageCodec.decodeTask("{\"bucket\":\"b\"}"))
                .hasMessageContaining("no 'key' field");
        assertThatThrownBy(() -> MessageCodec.decodeTask("{\"key\":\"  \"}"))
                .hasMessageContaining("no 'key' field");
        assertThatThrownBy(() -> MessageCodec.decodeTask("{\"key\":\"a\",\"size\":\"big\"}"))
                .hasMessageStartingWith("task field 'size' has the wrong type");
        assertThatThrownBy(() -> MessageCodec.decodeTask("{\"key\":\"a\",\"generated_at\":\"yesterday\"}"))
                .hasMessageStartingWith("task field 'generated_at' has the wrong type or format");
    }

    @Test
    void readsAndWritesTheSeedSuccessNotification() throws IOException {
        ProcessingResult result = MessageCodec.decodeResult(seed("success.json"));

        assertThat(result.status()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(result.workerType()).isEqualTo(WorkerType.SINGLE_PROCESS);
        assertThat(result.destination()).isEqualTo(new ObjectLocation("output-bucket", "data/input.csv.parsed.json"));
        assertThat(result.fileInfo()).isEqualTo(FileInfo.of(1024, 2048));
        assertThat(MessageCodec.mapper().readTree(MessageCodec.encode(result)))
                .isEqualTo(MessageCodec.mapper().readTree(seed("success.json")));
    }

    @Test
    void writesInstantsAsJacksonsOwnSerializerDoes() {
        JsonMapper plain = JsonMapper.builder().build();
        for (String at : new String[] {"2025-08-25T12:00:00Z", "2025-08-25T12:00:00.120Z", "2025-08-25T12:00:00.000123Z",
                "2025-08-25T12:00:00.123456789Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(at);
            ProcessingResult result = new ProcessingResult(instant, WorkerType.MULTI_PROCESS, ResultStatus.SUCCESS,
                    new ObjectLocation("in", "a.csv"), null, null, null, null, "t-1", 0.5, "w-1", "csv", instant);

            assertThat(MessageCodec.encodeToString(result)).as(at).isEqualTo(plain.writeValueAsString(result));
            assertThat(MessageCodec.decodeResult(MessageCodec.encode(result)).timestamp()).as(at).isEqualTo(instant);
        }
    }

    @Test
    void readsAndWritesTheSeedFailureNotificationWithoutDestination() throws IOException {
        ProcessingResult result = MessageCodec.decodeResult(seed("failure.json"));

        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.workerType()).isEqualTo(WorkerType.MULTI_PROCESS);
        assertThat(result.error()).isEqualTo("文件格式不支持");
        assertThat(result.destination()).isNull();
        assertThat(MessageCodec.mapper().readTree(MessageCodec.encode(result)))
                .isEqualTo(MessageCodec.mapper().readTree(seed("failure.json")));
    }

    @Test
    void nestedRecordsAreBuiltThroughTheirCreatorsAndAMissingSizeIsStillRejected() {
        ProcessingResult result = MessageCodec.decodeResult("""
                {"status":"failed","source":{"key":"a.csv"},"file_info":{"input_size":5,"output_size":7},"error_code":"too_large"}"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.source()).isEqualTo(new ObjectLocation(null, "a.csv"));
        assertThat(result.fileInfo()).isEqualTo(new FileInfo(5, 7, null, null));
        assertThat(result.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(result.destination()).isNull();
        assertThatThrownBy(() -> MessageCodec.decodeResult("""
                {"status":"failed","file_info":{"output_size":7}}""".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("result field 'file_info.input_size' has the wrong type or format");
    }

    @Test
    void resultWithoutStatusIsRejected() {
        assertThatThrownBy(() -> MessageCodec.decodeResult("{\"timestamp\":\"2025-08-25T12:30:00Z\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("result has no 'status' field");
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = MessageCodecTest.class.getResourceAsStream("/seed/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void resultWithAnAnalysisRoundTripsAndAResultWithoutOneHasNoAnalysisField() {
        ProcessingResult plain = new ProcessingResult(Instant.parse("2026-01-01T00:00:00Z"), WorkerType.MULTI_PROCESS,
                ResultStatus.SUCCESS, new ObjectLocation("b", "a.csv"), new ObjectLocation("p", "a.csv.json"),
                FileInfo.of(10, 20), null, null, "t-1", 0.5, "w-1", "csv", null);
        JsonNode answer = MessageCodec.mapper().readTree("{\"label\":\"invoice\"}");
        ProcessingResult analysed = plain.withAnalysis(new Analysis(ResultStatus.SUCCESS, "gpt-4o-mini", "key-1", 812L, 1,
                120, 8, "{\"label\":\"invoice\"}", answer, null, null, Instant.parse("2026-01-01T00:00:01Z")));

        ProcessingResult decoded = MessageCodec.decodeResult(MessageCodec.encode(analysed));

        assertThat(decoded).isEqualTo(analysed);
        assertThat(decoded.analysis().json().get("label").asString()).isEqualTo("invoice");
        assertThat(MessageCodec.encodeToString(plain)).doesNotContain("analysis");
    }

    @Test
    void keyPoolStatusNeedsItsKeys() {
        assertThatThrownBy(() -> MessageCodec.decodeKeyPoolStatus("{\"worker_id\":\"w\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("'keys'");
    }
}
