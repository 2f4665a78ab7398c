package io.obspipe.notifier.sink.live;

import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.KeyPoolStatus.KeyState;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.AnalysisView;
import io.obspipe.notifier.support.AnalysisEvents;
import io.obspipe.notifier.support.ResultsTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The live feed at {@code /ws/results} for a plain WebSocket client (the JDK's), fed by the results topic and the
 * analysis stage's two topics on the real broker; and that analyses are neither counted, stored nor logged as results.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_RESULT_TOPIC=" + LiveWebSocketIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + LiveWebSocketIT.TOPIC + "-tasks",
        "ANALYSIS_TOPIC=" + LiveWebSocketIT.ANALYSIS_TOPIC,
        "ANALYSIS_KEY_POOL_TOPIC=" + LiveWebSocketIT.KEY_POOL_TOPIC,
        "KAFKA_TOPIC_PARTITIONS=1",
        "NOTIFIER_GROUP_ID=ws-it",
        "NOTIFIER_LIVE_MAX_CLIENTS=2",
        "NOTIFIER_DATA_DIR=./target/it-data/ws-it"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class LiveWebSocketIT {

    static final String TOPIC = "ws-it-results";
    static final String ANALYSIS_TOPIC = "ws-it-analyses";
    static final String KEY_POOL_TOPIC = "ws-it-key-pool";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ResultsTopic results = new ResultsTopic(TOPIC);
    private final ResultsTopic analyses = new ResultsTopic(ANALYSIS_TOPIC);
    private final ResultsTopic keyPool = new ResultsTopic(KEY_POOL_TOPIC);
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Test
    void aPlainClientReceivesResultsAnalysesAndTheKeyPoolAsJsonFrames() {
        awaitNoClients();
        Frames frames = new Frames();
        WebSocket socket = connect(frames);
        ProcessingResult processed = result(run + "-1", ResultStatus.SUCCESS, run + "/report.pdf");

        results.send(processed);
        analyses.send(AnalysisEvents.analyzed(processed, "key-a", "A quarterly report. ".repeat(40)));
        keyPool.sendValues(List.of(AnalysisEvents.keyPool("analysis-1",
                new KeyState("key-a", "active", 2, 1, 42, null, 0.98),
                new KeyState("key-b", "cooling", 1, 0, 7, Instant.now().plusSeconds(30), 0.5))), 0);

        JsonNode result = frames.await("result", frame -> frame.path("task_id").asString("").equals(run + "-1"));
        assertThat(result.get("file_key").asString()).isEqualTo(run + "/report.pdf");
        assertThat(result.get("status").asString()).isEqualTo("success");
        JsonNode analysis = frames.await("analysis", frame -> frame.path("task_id").asString("").equals(run + "-1"));
        assertThat(analysis.get("status").asString()).isEqualTo("success");
        assertThat(analysis.get("file_key").asString()).isEqualTo(run + "/report.pdf");
        assertThat(analysis.get("model").asString()).isEqualTo(AnalysisEvents.MODEL);
        assertThat(analysis.get("key_id").asString()).isEqualTo("key-a");
        assertThat(analysis.get("latency_ms").asLong()).isEqualTo(840);
        assertThat(analysis.get("preview").asString()).startsWith("A quarterly report.").endsWith("…")
                .hasSize(AnalysisView.PREVIEW_CHARS + 1);
        JsonNode pool = frames.await("key_pool", frame -> frame.path("workers").toString().contains("analysis-1"));
        assertThat(pool.get("keys")).hasSize(2);
        assertThat(pool.get("keys").get(0).get("key_id").asString()).isEqualTo("key-a");
        assertThat(pool.get("keys").get(0).get("requests_per_minute").asInt()).isEqualTo(42);
        assertThat(pool.get("keys").get(1).get("state").asString()).isEqualTo("cooling");

        Frames later = new Frames();
        WebSocket latecomer = connect(later);
        assertThat(later.await("analysis", frame -> frame.path("task_id").asString("").equals(run + "-1")).get("key_id").asString())
                .as("a client that connects later gets the latest analyses").isEqualTo("key-a");
        assertThat(later.await("key_pool", frame -> true).get("keys")).hasSize(2);
        assertThat(get("/api/key-pool").get("keys").get(1).get("key_id").asString()).isEqualTo("key-b");

        latecomer.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void analysesAreCountedApartNotAsResultsAndNotWrittenToTheProcessingLog(CapturedOutput output) {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(results.committedOffsets("ws-it-local")).as("the results of the other tests are counted").isEqualTo(results.endOffsets()));
        JsonNode before = get("/api/summary");
        double analysesBefore = metric("pipeline_notifier_analyses_total", "status=\"failed\"");
        ProcessingResult processed = result(run + "-2", ResultStatus.SUCCESS, run + "/invoice.pdf");

        results.send(processed);
        analyses.send(AnalysisEvents.analyzed(processed, "key-a", "an invoice\nwith lines " + "x".repeat(1000)),
                AnalysisEvents.failedAnalysis(processed, AnalysisErrorCode.RATE_LIMITED, "every key was rate limited"));

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(analyses.committedOffsets("ws-it-local")).isEqualTo(analyses.endOffsets()));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(results.committedOffsets("ws-it-database")).isEqualTo(results.endOffsets()));
        assertThat(get("/api/summary").get("total").asLong() - before.get("total").asLong()).isEqualTo(1);
        assertThat(get("/api/results?prefix=" + run + "/invoice")).hasSize(1);
        assertThat(metric("pipeline_notifier_analyses_total", "status=\"failed\"") - analysesBefore).isEqualTo(1);
        assertThat(metric("pipeline_notifier_analyses_total", "error_code=\"rate_limited\"")).isGreaterThanOrEqualTo(1);

        List<JsonNode> lines = output.getOut().lines().filter(line -> line.startsWith("{"))
                .map(line -> MessageCodec.mapper().readTree(line))
                .filter(line -> line.path("logger").asString("").endsWith(".LogSink") && (run + "-2").equals(line.path("task_id").asString(null)))
                .toList();
        assertThat(lines).extracting(line -> line.get("event").asString())
                .containsExactlyInAnyOrder("file processed", "file analyzed", "file analysis failed");
        JsonNode analyzed = lines.stream().filter(line -> line.get("event").asString().equals("file analyzed")).findFirst().orElseThrow();
        assertThat(analyzed.get("analysis_status").asString()).isEqualTo("success");
        assertThat(analyzed.get("key_id").asString()).isEqualTo("key-a");
        assertThat(analyzed.get("latency_ms").asLong()).isEqualTo(840);
        assertThat(analyzed.get("file_key").asString()).isEqualTo(run + "/invoice.pdf");
        assertThat(analyzed.get("preview").asString()).hasSize(AnalysisView.PREVIEW_CHARS + 1);
        JsonNode failed = lines.stream().filter(line -> line.get("event").asString().equals("file analysis failed")).findFirst().orElseThrow();
        assertThat(failed.get("level").asString()).isEqualTo("warn");
        assertThat(failed.get("analysis_error_code").asString()).isEqualTo("rate_limited");
        assertThat(failed.get("status").asString()).as("the file's processing status").isEqualTo("success");
    }

    @Test
    void aClientBeyondNotifierLiveMaxClientsIsRefusedWithTheReason() {
        awaitNoClients();
        WebSocket first = connect(new Frames());
        WebSocket second = connect(new Frames());

        assertThatThrownBy(() -> connect(new Frames())).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                    assertThat(refused.getResponse().statusCode()).isEqualTo(503);
                    assertThat(String.valueOf(refused.getResponse().body())).contains("NOTIFIER_LIVE_MAX_CLIENTS");
                });

        first.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        second.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    /** The server has seen every earlier test's clients close (a sent close frame is not yet a closed session). */
    private void awaitNoClients() {
        await().atMost(PATIENCE).until(() -> metric("pipeline_notifier_live_clients", "") == 0);
    }

    /** A client of the feed, once the feed greeted it (from then on it misses nothing). */
    private WebSocket connect(Frames frames) {
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/results"), frames).join();
        frames.await("connected", frame -> true);
        return socket;
    }

    private JsonNode get(String path) {
        return MessageCodec.mapper().readTree(RestClient.create("http://127.0.0.1:" + port).get().uri(path).retrieve().body(String.class));
    }

    private double metric(String name, String labels) {
        String exposition = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus").retrieve().body(String.class);
        return exposition.lines()
                .filter(line -> (line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The frames a client received, as {@code {"type", "data"}} objects. */
    private static final class Frames implements WebSocket.Listener {

        private final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(MessageCodec.mapper().readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** The data of the first frame of the type that matches, waiting for it. */
        JsonNode await(String type, Predicate<JsonNode> matches) {
            return Awaitility.await().atMost(PATIENCE).until(() -> received.stream()
                    .filter(frame -> frame.path("type").asString("").equals(type) && matches.test(frame.path("data")))
                    .map(frame -> frame.path("data")).findFirst(), Optional::isPresent).orElseThrow();
        }
    }
}
