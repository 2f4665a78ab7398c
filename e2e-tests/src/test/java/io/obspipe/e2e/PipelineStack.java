package io.obspipe.e2e;

import io.obspipe.localstack.AppJava;
import io.obspipe.localstack.AppProcess;
import io.obspipe.localstack.GeneratorSummary;
import io.obspipe.localstack.KafkaBroker;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.localstack.Ports;
import io.obspipe.localstack.ProjectLayout;
import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.localstack.TopicProbe;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline as users run it, on loopback: a Kafka broker and S3Proxy as child JVMs, and the
 * three apps started from their jars as {@code ./run-local} starts them (extracted, with a class-data archive that
 * an app's first start writes), configured only through environment variables.
 */
final class PipelineStack implements AutoCloseable {

    static final Duration APP_START = Duration.ofSeconds(120);

    final Path work;
    final KafkaBroker kafka;
    final S3ProxyServer s3;
    final PipelineEnvironment environment;
    final TopicProbe topics;
    private final ProjectLayout layout = ProjectLayout.locate();
    private final List<AppProcess> apps = Collections.synchronizedList(new ArrayList<>());
    private final Map<AppProcess, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();
    private TlsStores tlsStores;

    private PipelineStack(Path work, KafkaBroker kafka, S3ProxyServer s3) {
        this.work = work;
        this.kafka = kafka;
        this.s3 = s3;
        this.environment = new PipelineEnvironment(kafka.bootstrapServers(), s3, work);
        this.topics = new TopicProbe(kafka.bootstrapServers());
        s3.bucketDir(PipelineEnvironment.SOURCE_BUCKET);
        s3.bucketDir(PipelineEnvironment.DESTINATION_BUCKET);
    }

    static PipelineStack start(String name) {
        Path work = workDir(name);
        return new PipelineStack(work, KafkaBroker.start(work.resolve("kafka")), S3ProxyServer.start(work.resolve("s3")));
    }

    /** A stack whose broker also has a SASL_PLAINTEXT listener (mechanism PLAIN) for this user. */
    static PipelineStack startWithSasl(String name, String user, String password) {
        Path work = workDir(name);
        return new PipelineStack(work, KafkaBroker.startWithSaslPlain(work.resolve("kafka"), user, password),
                S3ProxyServer.start(work.resolve("s3")));
    }

    /**
     * A stack whose broker also has SSL (client certificate required) and SASL_SSL listeners with the
     * certificates of {@link TlsStores}, made in the stack's folder and returned by {@link #tlsStores()}.
     */
    static PipelineStack startWithTls(String name, String user, String password) {
        Path work = workDir(name);
        TlsStores stores = TlsStores.create(work.resolve("tls"));
        PipelineStack stack = new PipelineStack(work, KafkaBroker.startWithTls(work.resolve("kafka"), user, password,
                stores.brokerKeystore(), stores.brokerTruststore(), stores.password()), S3ProxyServer.start(work.resolve("s3")));
        stack.tlsStores = stores;
        return stack;
    }

    TlsStores tlsStores() {
        return tlsStores;
    }

    private static Path workDir(String name) {
        try {
            return Files.createTempDirectory("e2e-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A worker with JSON logs; {@code extra} overrides or adds variables. Returns once its actuator answers. */
    AppProcess startWorker(String id, Map<String, String> extra) {
        int port = Ports.freePort();
        Map<String, String> env = new LinkedHashMap<>(environment.worker(port, port));
        env.remove("MANAGEMENT_SERVER_PORT");
        env.put("LOG_FORMAT", "json");
        env.put("WORKER_ID", id);
        env.put("OBS_DOWNLOAD_DIR", work.resolve(id).resolve("downloads").toString());
        env.put("OBS_UPLOAD_DIR", work.resolve(id).resolve("uploads").toString());
        env.putAll(extra);
        AppProcess worker = start("file-worker-" + id, "file-worker", env);
        worker.awaitPort(port, APP_START);
        ports.put(worker, port);
        return worker;
    }

    /** The HTTP port of a worker started by {@link #startWorker}. */
    int portOf(AppProcess worker) {
        return ports.get(worker);
    }

    /** The notifier, once its HTTP port answers. */
    Notifier startNotifier(Map<String, String> extra) {
        int port = Ports.freePort();
        Map<String, String> env = new LinkedHashMap<>(environment.notifier(port));
        env.put("LOG_FORMAT", "json");
        env.putAll(extra);
        AppProcess process = start("result-notifier", "result-notifier", env);
        process.awaitPort(port, APP_START);
        return new Notifier(process, port);
    }

    /** The analysis worker against {@code baseUrl} with the key pool of {@code keysFile}; returns once it serves HTTP. */
    AppProcess startAnalysisWorker(int port, String baseUrl, Path keysFile, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(environment.analysisWorker(port, baseUrl, keysFile));
        env.put("LOG_FORMAT", "json");
        env.putAll(extra);
        AppProcess process = start("analysis-worker", "analysis-worker", env);
        process.awaitPort(port, APP_START);
        return process;
    }

    record Notifier(AppProcess process, int port) {

        JsonNode summary() {
            return MessageCodec.mapper().readTree(httpGet(port, "/api/summary"));
        }
    }

    /** Runs the generator to its end over {@code prefix}; returns its summary (fails if it exits non-zero). */
    GeneratorSummary runGenerator(String prefix) {
        AppProcess generator = generator(prefix, Map.of());
        int exit = generator.waitForExit(APP_START);
        if (exit != 0) {
            throw new IllegalStateException("task-generator exited with " + exit + ":\n" + generator.logTail(30));
        }
        return GeneratorSummary.lastIn(generator.logLines())
                .orElseThrow(() -> new IllegalStateException("no summary line in the generator's log:\n" + generator.logTail(30)));
    }

    /** Starts the generator over {@code prefix} with {@code extra} variables; the caller waits for its exit. */
    AppProcess generator(String prefix, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(environment.generator());
        env.put("FILE_PREFIX", prefix);
        env.put("LOG_FORMAT", "json");
        env.putAll(extra);
        return start("task-generator", "task-generator", env);
    }

    private AppProcess start(String name, String app, Map<String, String> env) {
        AppProcess process = AppProcess.start(name, layout.appJar(app), "256m", env, work.resolve("logs"), Optional.of(classData()),
                AppJava.current());
        apps.add(process);
        return process;
    }

    /**
     * Where the apps' class-data archives are kept for the whole run, as the local stack keeps them: an app's first
     * start writes its archive and the starts after it map their classes from it.
     */
    private Path classData() {
        return layout.root().resolve("e2e-tests").resolve("target").resolve("class-data");
    }

    /** Writes an object into the source bucket (S3Proxy serves files of its bucket folder). */
    void putSource(String key, byte[] content) {
        Path file = s3.bucketDir(PipelineEnvironment.SOURCE_BUCKET).resolve(key);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path destination(String key) {
        return s3.bucketDir(PipelineEnvironment.DESTINATION_BUCKET).resolve(key);
    }

    /** Results on the results topic as a read_committed consumer sees them. */
    List<ProcessingResult> results(int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> records = topics.read("file-processing-results", expected, timeout, Duration.ofSeconds(3));
        return records.stream().map(r -> MessageCodec.decodeResult(r.value().getBytes(StandardCharsets.UTF_8))).toList();
    }

    long workerLag() {
        return topics.lag(PipelineEnvironment.WORKER_GROUP, "file-processing-tasks");
    }

    static String httpGet(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<AppProcess> apps() {
        return List.copyOf(apps);
    }

    @Override
    public void close() {
        List<AppProcess> running = new ArrayList<>(apps);
        Collections.reverse(running);
        running.forEach(AppProcess::close);
        kafka.close();
        s3.close();
        try {
            FileSystemUtils.deleteRecursively(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
