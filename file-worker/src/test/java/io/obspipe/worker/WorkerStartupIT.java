package io.obspipe.worker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worker app started as a user starts it (variables only) against the real broker and S3Proxy: wrong
 * credentials, a missing bucket or a store that does not answer stop startup with one sentence; once started,
 * an unavailable store is one log line of the health check, and the health check's Kafka client is closed before
 * the web server stops (a thread started by a request and still running then is reported by Tomcat as a leak).
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkerStartupIT {

    static final WorkerTestStack STACK = new WorkerTestStack("startup-it");

    @AfterAll
    static void stop() {
        STACK.close();
    }

    /** Looks, when the web server is about to stop, for client threads a request thread started. */
    static class ThreadsAtWebServerStop implements SmartLifecycle {

        static final List<String> seen = new CopyOnWriteArrayList<>();
        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(name -> name.contains("| health-check")).forEach(seen::add);
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /** After the graceful shutdown of requests, before the web server stops. */
        @Override
        public int getPhase() {
            return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;
        }
    }

    private static SpringApplicationBuilder worker(String... overrides) {
        List<String> variables = new ArrayList<>(List.of(
                "LOG_FORMAT=console", "SERVER_PORT=0",
                "KAFKA_BOOTSTRAP_SERVERS=" + System.getProperty("spring.embedded.kafka.brokers"),
                "KAFKA_TOPIC_TASKS=startup-it-tasks", "KAFKA_RESULT_TOPIC=startup-it-results", "KAFKA_GROUP_ID=startup-it",
                "OBS_SERVER=" + STACK.s3.endpoint(), "OBS_ACCESS_KEY=" + STACK.s3.accessKey(), "OBS_SECRET_KEY=" + STACK.s3.secretKey(),
                "OBS_PATH_STYLE=true", "OBS_AUTH_TYPE=V2", "OBS_MAX_ERROR_RETRY=0", "OBS_CONNECT_TIMEOUT=1s",
                "OBS_SOURCE_BUCKET=input-files", "OBS_DEST_BUCKET=processed-files",
                "OBS_DOWNLOAD_DIR=" + STACK.work.resolve("downloads"), "OBS_UPLOAD_DIR=" + STACK.work.resolve("uploads")));
        variables.addAll(List.of(overrides));
        return new SpringApplicationBuilder(FileWorkerApplication.class).properties(variables.toArray(String[]::new));
    }

    @Test
    void aWrongSecretKeyStopsStartupNamingTheCredentialVariables(CapturedOutput output) {
        assertThatThrownBy(() -> worker("OBS_SECRET_KEY=not-the-secret").run()).isNotNull();

        assertThat(output.getAll()).contains("the object store at " + STACK.s3.endpoint() + " (OBS_SERVER) refused the credentials for bucket"
                        + " 'input-files' (OBS_SOURCE_BUCKET): check OBS_ACCESS_KEY / OBS_SECRET_KEY and the bucket's permissions")
                .doesNotContain("file-worker ready").doesNotContain("null");
    }

    @Test
    void aMissingDestinationBucketStopsStartupNamingItsVariable(CapturedOutput output) {
        assertThatThrownBy(() -> worker("OBS_DEST_BUCKET=no-such-bucket").run()).isNotNull();

        assertThat(output.getAll()).contains("bucket 'no-such-bucket' (OBS_DEST_BUCKET) does not exist at " + STACK.s3.endpoint()
                + " (OBS_SERVER): create it or fix OBS_DEST_BUCKET").doesNotContain("file-worker ready");
    }

    @Test
    void aStoreThatDoesNotAnswerIsWaitedForThenStopsStartup(CapturedOutput output) throws IOException {
        String nowhere = "http://127.0.0.1:" + unusedPort();

        assertThatThrownBy(() -> worker("OBS_SERVER=" + nowhere, "OBS_STARTUP_TIMEOUT=2s").run()).isNotNull();

        assertThat(output.getAll()).contains("waiting up to 2s for the object store at " + nowhere)
                .contains("the object store at " + nowhere + " (OBS_SERVER) did not answer within 2s (OBS_STARTUP_TIMEOUT)")
                .doesNotContain("file-worker ready");
    }

    @Test
    void anOutageAfterStartupIsOneHealthLineAndStoppingLeavesNoHealthClientThread(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = worker().sources(ThreadsAtWebServerStop.class).run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(health(port).statusCode()).isEqualTo(200);
            STACK.s3.stop();
            try {
                assertThat(health(port).statusCode()).isEqualTo(503);
                assertThat(health(port).statusCode()).isEqualTo(503);
            } finally {
                STACK.s3.restart();
            }
        }

        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("the object store is not available")).hasSize(1);
        assertThat(lines).noneMatch(line -> line.startsWith("\tat ")).noneMatch(line -> line.contains("failed to stop it"));
        assertThat(ThreadsAtWebServerStop.seen).as("health check client threads alive when the web server stops").isEmpty();
    }

    private static HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
