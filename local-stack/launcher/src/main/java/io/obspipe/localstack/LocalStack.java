package io.obspipe.localstack;

import io.obspipe.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The README's first command: runs the whole pipeline on this machine. Starts a Kafka broker and
 * S3Proxy (data kept in {@code local-run/} between runs), seeds sample files into the source bucket,
 * starts the file worker and the result notifier, then the task generator in continuous mode, and prints
 * a line per result and, after the generator's first scan, a summary. Keeps running until Ctrl+C, the
 * generator publishing a task for each file added to the samples folder; with {@code --exit-when-done} the
 * generator runs once and the stack exits after the summary.
 */
public final class LocalStack implements AutoCloseable {

    private static final int EXIT_OK = 0;
    private static final int EXIT_START_FAILED = 1;
    private static final int EXIT_RUN_FAILED = 2;
    private static final int EXIT_USAGE = 64;

    private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration GENERATOR_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RESULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** Short, so that a file copied into the samples folder shows its result while one watches. */
    private static final Duration SCAN_INTERVAL = Duration.ofSeconds(5);

    private final ProjectLayout layout;
    private final LocalStackOptions options;
    private final PrintStream out;
    private final Path runDir;
    private final Path logsDir;
    private final Optional<Path> classData;
    private final Path generatorEnvFile;
    /** Everything started so far, closed in reverse order. */
    private final List<AutoCloseable> running = new ArrayList<>();
    private boolean closed;
    private KafkaBroker broker;
    private S3ProxyServer s3;
    private AppProcess generator;

    LocalStack(ProjectLayout layout, LocalStackOptions options, PrintStream out) {
        this.layout = layout;
        this.options = options;
        this.out = out;
        this.runDir = layout.root().resolve("local-run");
        this.logsDir = runDir.resolve("logs");
        // kept by --fresh and rebuilt with the jars: the archives depend on the jars only
        this.classData = Optional.of(layout.root().resolve("local-stack").resolve("launcher").resolve("target").resolve("class-data"));
        this.generatorEnvFile = runDir.resolve("generator.env");
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        LocalStack stack = new LocalStack(ProjectLayout.locate(), options, out);
        ChildJvm.ignoreTerminalInterruptsInChildren();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        int exitCode = stack.run();
        if (options.exitWhenDone() || exitCode == EXIT_START_FAILED) {
            System.exit(exitCode);
        }
        new CountDownLatch(1).await();
    }

    /** Starts everything and runs the generator once; the exit code says how that went. */
    int run() {
        Path workerJar;
        Path notifierJar;
        Path generatorJar;
        try {
            workerJar = layout.appJar("file-worker");
            notifierJar = layout.appJar("result-notifier");
            generatorJar = layout.appJar("task-generator");
        } catch (IllegalStateException e) {
            out.println(e.getMessage());
            return EXIT_START_FAILED;
        }
        PipelineEnvironment env;
        ResultConsole console;
        try {
            Files.createDirectories(logsDir);
            startBrokerAndS3Proxy();
            env = new PipelineEnvironment(broker.bootstrapServers(), s3, runDir.resolve("work"));
            seedBuckets();
            console = register(ResultConsole.start(broker.bootstrapServers(), Topics.DEFAULT_RESULTS, out));
            startWorkerAndNotifier(env, workerJar, notifierJar);
            startAnalysisWorker(env, System.getenv());
        } catch (RuntimeException | IOException e) {
            out.println("The local stack could not start: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        if (options.exitWhenDone()) {
            return runGenerator(env.generator(), false, generatorJar, console);
        }
        int generatorPort = Ports.freePort();
        int exitCode = runGenerator(env.continuousGenerator(generatorPort, SCAN_INTERVAL), true, generatorJar, console);
        GeneratorEnvFile.write(env.generator(), generatorEnvFile);
        printWhatNext(generatorPort);
        return exitCode;
    }

    private void printWhatNext(int generatorPort) {
        Path samples = sourceBucketDir().resolve(SampleFiles.PREFIX);
        out.println();
        if (generator.isAlive()) {
            out.println("Watching for more files: task-generator scans " + PipelineEnvironment.SOURCE_BUCKET + "/" + SampleFiles.PREFIX
                    + " every " + SCAN_INTERVAL.toSeconds() + " s and publishes a task for each new or changed file;"
                    + " its result shows here a few seconds later.");
            out.println("  add a file      cp my-data.csv " + samples + "/");
            out.println("  generator       http://localhost:" + generatorPort + "/actuator/health  (metrics: /actuator/prometheus)");
        } else {
            out.println("task-generator is not running (see " + generator.logFile() + "): put files into " + samples
                    + " and publish their tasks with ./run-local generate.");
        }
        out.println("  one more run    ./run-local generate  (new or changed files only;"
                + " GENERATOR_REPROCESS=true ./run-local generate processes every file again)");
        out.println("Ctrl+C stops everything.");
    }

    private void startBrokerAndS3Proxy() throws IOException {
        if (options.fresh() && Files.exists(runDir)) {
            out.println("Deleting the topics, buckets and logs of earlier runs (--fresh) ...");
            deleteRecursively(runDir);
            Files.createDirectories(logsDir);
        }
        boolean earlierData = Files.exists(runDir.resolve("kafka"));
        out.println("Starting Kafka and S3Proxy (work folder " + runDir + ") ...");
        CompletableFuture<KafkaBroker> startingBroker = startInBackground(() -> KafkaBroker.start(runDir.resolve("kafka")));
        CompletableFuture<S3ProxyServer> startingS3 = startInBackground(() -> S3ProxyServer.start(runDir.resolve("s3")));
        try {
            CompletableFuture.allOf(startingBroker, startingS3).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        broker = startingBroker.join();
        s3 = startingS3.join();
        createResultsTopic(broker.bootstrapServers());
        out.println("  Kafka broker    " + broker.bootstrapServers() + (earlierData
                ? "  (topics keep the records of earlier runs; ./run-local --fresh starts from empty)" : ""));
        out.println("  S3 endpoint     " + s3.endpoint() + "  (access key " + s3.accessKey() + ", secret key " + s3.secretKey() + ")");
        out.println("  AWS CLI         " + String.join(" ", s3.awsCliEnvironment()) + " aws --endpoint-url " + s3.endpoint()
                + " s3 cp my-data.csv s3://" + PipelineEnvironment.SOURCE_BUCKET + "/" + SampleFiles.PREFIX);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void seedBuckets() {
        s3.bucketDir(PipelineEnvironment.DESTINATION_BUCKET);
        SampleFiles.Seeding seeding = SampleFiles.writeMissing(sourceBucketDir());
        out.println("  bucket folders  " + s3.dataDir() + "/{" + PipelineEnvironment.SOURCE_BUCKET + ","
                + PipelineEnvironment.DESTINATION_BUCKET + "}");
        out.println("  samples         " + seeding.written().size() + " written into " + PipelineEnvironment.SOURCE_BUCKET + "/"
                + SampleFiles.PREFIX + (seeding.kept().isEmpty() ? "" : ", " + seeding.kept().size() + " already there and kept"));
        out.println("  logs            " + logsDir + "/");
    }

    private Path sourceBucketDir() {
        return s3.bucketDir(PipelineEnvironment.SOURCE_BUCKET);
    }

    private <T extends AutoCloseable> CompletableFuture<T> startInBackground(Supplier<T> start) {
        return CompletableFuture.supplyAsync(start).thenApply(this::register);
    }

    /** Created here rather than by the first producer so the console can read it from its current end. */
    private static void createResultsTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(Topics.DEFAULT_RESULTS, Optional.empty(), Optional.empty())))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the topic " + Topics.DEFAULT_RESULTS + ": " + e.getCause().getMessage(), e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the topic " + Topics.DEFAULT_RESULTS + ": " + e, e);
            }
            KafkaTopics.awaitLeaders(admin, List.of(Topics.DEFAULT_RESULTS), Duration.ofSeconds(30));
        }
    }

    private void startWorkerAndNotifier(PipelineEnvironment env, Path workerJar, Path notifierJar) {
        int notifierPort = options.notifierPort();
        if (Ports.isOpen(notifierPort)) {
            int requested = notifierPort;
            notifierPort = Ports.freePort();
            out.println("  port " + requested + " is taken: the dashboard uses " + notifierPort + " instead");
        }
        int workerManagementPort = Ports.freePort();
        out.println("Starting file-worker and result-notifier ...");
        AppProcess worker = register(AppProcess.start("file-worker", workerJar, "512m",
                env.worker(Ports.freePort(), workerManagementPort), logsDir, classData, AppJava.current()));
        AppProcess notifier = register(AppProcess.start("result-notifier", notifierJar, "256m",
                env.notifier(notifierPort), logsDir, classData, AppJava.current()));
        // the worker's management server opens last, once the whole app has started
        worker.awaitPort(workerManagementPort, APP_START_TIMEOUT);
        notifier.awaitPort(notifierPort, APP_START_TIMEOUT);
        out.println("  dashboard       http://localhost:" + notifierPort + "/  (actuator: /actuator/health, /actuator/prometheus)");
        out.println("  file-worker     http://localhost:" + workerManagementPort + "/actuator/health  (metrics: /actuator/prometheus)");
    }

    /**
     * The analysis worker, when ANALYSIS_BASE_URL names an OpenAI-compatible API and ANALYSIS_KEYS_FILE its key pool;
     * it analyses the sample files unless ANALYSIS_FILE_TYPES or ANALYSIS_PREFIXES say otherwise. Its other ANALYSIS_*
     * variables are inherited from this environment.
     */
    private void startAnalysisWorker(PipelineEnvironment env, Map<String, String> environment) {
        String baseUrl = environment.getOrDefault("ANALYSIS_BASE_URL", "");
        if (baseUrl.isBlank()) {
            return;
        }
        String keysFile = environment.getOrDefault("ANALYSIS_KEYS_FILE", "");
        if (keysFile.isBlank()) {
            out.println("  ANALYSIS_BASE_URL is set but ANALYSIS_KEYS_FILE is not: the analysis worker is not started (docs/analysis.md)");
            return;
        }
        int port = Ports.freePort();
        Map<String, String> analysisEnv = new java.util.LinkedHashMap<>(env.analysisWorker(port, baseUrl, Path.of(keysFile).toAbsolutePath()));
        if (environment.getOrDefault("ANALYSIS_FILE_TYPES", "").isBlank() && environment.getOrDefault("ANALYSIS_PREFIXES", "").isBlank()) {
            analysisEnv.put("ANALYSIS_PREFIXES", SampleFiles.PREFIX);
        }
        out.println("Starting analysis-worker against " + baseUrl + " ...");
        AppProcess analysis = register(AppProcess.start("analysis-worker", layout.appJar("analysis-worker"), "384m", analysisEnv, logsDir, classData, AppJava.current()));
        analysis.awaitPort(port, APP_START_TIMEOUT);
        out.println("  analysis-worker http://localhost:" + port + "/actuator/health  (metrics: /actuator/prometheus; results with"
                + " their analysis on topic " + environment.getOrDefault("ANALYSIS_TOPIC", Topics.DEFAULT_ANALYSIS) + ")");
    }

    /** Starts the generator (one run, or continuous mode), waits for the results of its first scan and prints the summary. */
    private int runGenerator(Map<String, String> generatorEnv, boolean continuous, Path generatorJar, ResultConsole console) {
        String samples = PipelineEnvironment.SOURCE_BUCKET + "/" + SampleFiles.PREFIX;
        out.println(continuous ? "Starting task-generator in continuous mode (scans " + samples + " every " + SCAN_INTERVAL.toSeconds()
                + " s, publishes a task per new or changed file) ..."
                : "Running task-generator once (publishes a task per new or changed file under " + samples + ") ...");
        long startedAt = System.nanoTime();
        generator = register(AppProcess.start("task-generator", generatorJar, "256m", generatorEnv, logsDir, classData, AppJava.current()));
        Optional<GeneratorSummary> summary = continuous ? awaitFirstScan() : awaitRun();
        if (summary.isEmpty()) {
            return EXIT_RUN_FAILED;
        }
        try {
            if (!console.awaitResults(summary.get().published(), RESULT_IDLE_TIMEOUT)) {
                out.println("Only " + console.results() + " of " + summary.get().published() + " results arrived, none for "
                        + RESULT_IDLE_TIMEOUT.toMinutes() + " min: see " + logsDir.resolve("file-worker.log"));
                return EXIT_RUN_FAILED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_RUN_FAILED;
        }
        Duration elapsed = Duration.ofNanos(console.results() == 0 ? 0 : console.lastResultNanos() - startedAt);
        out.println(new RunSummary(summary.get(), console.succeeded(), console.failed(), elapsed).line());
        if (summary.get().unchanged() > 0) {
            out.println("Not tasked again: " + summary.get().unchanged() + " file(s) unchanged since an earlier run (the broker's data in "
                    + runDir + " remembers them); GENERATOR_REPROCESS=true ./run-local generate processes them again.");
        }
        return EXIT_OK;
    }

    /** The one-shot generator's summary once it exited 0; empty, with the reason printed, otherwise. */
    private Optional<GeneratorSummary> awaitRun() {
        int exitCode = generator.waitForExit(GENERATOR_TIMEOUT);
        if (exitCode != 0) {
            out.println("task-generator " + (exitCode == -1 ? "did not finish within " + GENERATOR_TIMEOUT.toMinutes() + " min"
                    : "exited with code " + exitCode) + "; the end of " + generator.logFile() + ":\n" + generator.logTail(30));
            return Optional.empty();
        }
        Optional<GeneratorSummary> summary = GeneratorSummary.lastIn(generator.logLines());
        if (summary.isEmpty()) {
            out.println("task-generator finished, but " + generator.logFile() + " has no line with scanned=<n> and published=<n>");
        }
        return summary;
    }

    /** The continuous generator's first scan summary; empty, with the reason printed, if none came. */
    private Optional<GeneratorSummary> awaitFirstScan() {
        Optional<GeneratorSummary> summary = generator.awaitInLog(GeneratorSummary::firstIn, GENERATOR_TIMEOUT);
        if (summary.isEmpty()) {
            String state = generator.isAlive() ? "did not finish its first scan within " + GENERATOR_TIMEOUT.toMinutes() + " min"
                    : "exited with code " + generator.waitForExit(Duration.ZERO) + " before the end of its first scan";
            out.println("task-generator " + state + "; the end of " + generator.logFile() + ":\n" + generator.logTail(30));
        }
        return summary;
    }

    private synchronized <T extends AutoCloseable> T register(T started) {
        if (closed) {
            closeQuietly(started);
            throw new IllegalStateException("the local stack is shutting down");
        }
        running.add(started);
        return started;
    }

    /** Stops the apps (gracefully, 30 s each at most), then the console, S3Proxy and the broker. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (running.isEmpty()) {
            return;
        }
        out.println("Stopping ...");
        for (int i = running.size() - 1; i >= 0; i--) {
            closeQuietly(running.get(i));
        }
        try {
            Files.deleteIfExists(generatorEnvFile);
        } catch (IOException e) {
            out.println("  cannot remove " + generatorEnvFile + ": " + e.getMessage());
        }
        out.println("stopped");
    }

    private void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            out.println("  while stopping: " + e);
        }
    }
}
