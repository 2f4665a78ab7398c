package io.obspipe.bench.stack;

import io.obspipe.localstack.AppJava;
import io.obspipe.localstack.AppProcess;
import io.obspipe.localstack.ClassDataArchive;
import io.obspipe.localstack.KafkaBroker;
import io.obspipe.localstack.KafkaTopics;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.localstack.Ports;
import io.obspipe.localstack.ProjectLayout;
import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.ObsObjectStore;
import io.obspipe.platform.storage.ObsProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The stack the scenarios run on, all on loopback: a Kafka broker and S3Proxy as child JVMs, and the
 * apps started from copies of their jars (a rebuild by someone else mid-run cannot change them). Every
 * app records a flight recording (JFR, default settings: about 1 % overhead) that it writes when it stops.
 */
public final class BenchStack implements AutoCloseable {

    public static final Duration APP_START = Duration.ofSeconds(180);
    public static final int PARTITIONS = 6;
    private static final List<String> APPS = List.of("task-generator", "file-worker", "result-notifier", "analysis-worker");

    private final Path work;
    private final KafkaBroker kafka;
    private final S3ProxyServer s3;
    private final PipelineEnvironment environment;
    private final Admin admin;
    private final ObsObjectStore store;
    private final Map<String, Path> jars = new LinkedHashMap<>();
    private final List<RunningApp> apps = Collections.synchronizedList(new ArrayList<>());
    private final List<BareLoop> bareLoops = new ArrayList<>();
    private final Map<String, String> jvmOptions;
    private final Optional<Path> classData;
    private final AppJava appJava;
    private final boolean flightRecording;

    private BenchStack(Path work, KafkaBroker kafka, S3ProxyServer s3, Map<String, String> jvmOptions, Optional<Path> classData,
                       AppJava appJava, boolean flightRecording) {
        this.work = work;
        this.flightRecording = flightRecording;
        this.classData = classData;
        this.appJava = appJava;
        this.kafka = kafka;
        this.s3 = s3;
        this.jvmOptions = jvmOptions;
        this.environment = new PipelineEnvironment(kafka.bootstrapServers(), s3, work);
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        this.store = objectStore(s3.endpoint(), s3.accessKey(), s3.secretKey());
        s3.bucketDir(PipelineEnvironment.SOURCE_BUCKET);
        s3.bucketDir(PipelineEnvironment.DESTINATION_BUCKET);
    }

    /**
     * Starts the broker and the store under {@code work} and copies the app jars there.
     *
     * @param extraAppJvmOptions JVM options for every app besides the flight recording, e.g. none for a real
     *                           run; per app name ({@code file-worker}) or {@code *} for all
     * @param jars               app jars to run instead of the project's (e.g. a candidate build), by app name
     * @param classData          where the apps' class-data archives are kept (see {@code ClassDataArchive}); empty: none
     * @param appJava            the java that runs the apps
     * @param flightRecording    whether the apps run with a flight recording (their profiles in the report)
     */
    public static BenchStack start(Path work, Map<String, String> extraAppJvmOptions, Map<String, Path> jars, Optional<Path> classData,
                                   AppJava appJava, boolean flightRecording) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"));
        S3ProxyServer s3;
        try {
            s3 = S3ProxyServer.start(work.resolve("s3"));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        BenchStack stack = new BenchStack(work, kafka, s3, extraAppJvmOptions, classData, appJava, flightRecording);
        try {
            stack.copyJars(jars);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void copyJars(Map<String, Path> replacements) {
        ProjectLayout layout = ProjectLayout.locate();
        Path dir = work.resolve("jars");
        try {
            Files.createDirectories(dir);
            for (String app : APPS) {
                Path copy = dir.resolve(app + ".jar");
                Files.copy(replacements.containsKey(app) ? replacements.get(app) : layout.appJar(app), copy);
                jars.put(app, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the app jars into " + dir, e);
        }
    }

    /**
     * Creates the lane's tasks and results topics, so results can be read before the apps create anything,
     * and waits until every partition has a leader: a producer that sends to a partition the broker does not
     * lead yet retries, and an idempotent one was seen to fail with OutOfOrderSequence after such retries.
     */
    public Lane lane(String name) {
        Lane lane = new Lane(name);
        KafkaTopics.create(admin, List.of(new NewTopic(lane.tasksTopic(), PARTITIONS, (short) 1),
                new NewTopic(lane.resultsTopic(), PARTITIONS, (short) 1)), APP_START);
        return lane;
    }

    /** A worker on the lane's topics; returns once its HTTP port answers. */
    public RunningApp startWorker(Lane lane, String id, int poolSize) {
        return startWorker(lane, id, poolSize, Map.of());
    }

    /** A worker on the lane's topics with {@code extra} variables added or overridden; returns once its HTTP port answers. */
    public RunningApp startWorker(Lane lane, String id, int poolSize, Map<String, String> extra) {
        RunningApp worker = launchWorker(lane, id, poolSize, extra, classData, true);
        worker.awaitReady();
        return worker;
    }

    /** Starts workers side by side (their start-up overlaps) and returns once all answer. */
    public List<RunningApp> startWorkers(Lane lane, int processes, int poolSize) {
        List<RunningApp> workers = new ArrayList<>();
        for (int i = 1; i <= processes; i++) {
            workers.add(launchWorker(lane, "w" + i + "-pool" + poolSize, poolSize));
        }
        workers.forEach(RunningApp::awaitReady);
        return workers;
    }

    /** Starts a worker without waiting for it (see {@link RunningApp#awaitReady}). */
    public RunningApp launchWorker(Lane lane, String id, int poolSize) {
        return launchWorker(lane, id, poolSize, Map.of(), classData, true);
    }

    /**
     * As {@link #launchWorker(Lane, String, int)}, with or without class-data archives ({@code classData}, empty: none);
     * with them, the first run of a jar is its training run, which writes the archive and no flight recording.
     */
    public RunningApp launchWorker(Lane lane, String id, int poolSize, Optional<Path> classData) {
        return launchWorker(lane, id, poolSize, Map.of(), classData, false);
    }

    private RunningApp launchWorker(Lane lane, String id, int poolSize, Map<String, String> extra, Optional<Path> classData,
                                    boolean archiveFirst) {
        int port = Ports.freePort();
        Map<String, String> env = new LinkedHashMap<>(environment.worker(port, port));
        env.remove("MANAGEMENT_SERVER_PORT");
        String instance = lane.name() + "-worker-" + id;
        env.put("LOG_FORMAT", "json");
        env.put("WORKER_ID", instance);
        env.put("POOL_SIZE", Integer.toString(poolSize));
        env.put("KAFKA_GROUP_ID", lane.workerGroup());
        env.put("KAFKA_TOPIC_TASKS", lane.tasksTopic());
        env.put("KAFKA_RESULT_TOPIC", lane.resultsTopic());
        env.put("OBS_DOWNLOAD_DIR", work.resolve(instance).resolve("downloads").toString());
        env.put("OBS_UPLOAD_DIR", work.resolve(instance).resolve("uploads").toString());
        env.putAll(extra);
        return launch(instance, "file-worker", env, port, classData, archiveFirst);
    }

    /**
     * An analysis worker reading the lane's results and publishing to the lane's analysis topic, against
     * {@code baseUrl} with the key pool of {@code keysFile}; {@code extra} adds or overrides variables. Returns once it answers.
     */
    public RunningApp startAnalysisWorker(Lane lane, String baseUrl, Path keysFile, Map<String, String> extra) {
        int port = Ports.freePort();
        Map<String, String> env = new LinkedHashMap<>(environment.analysisWorker(port, baseUrl, keysFile));
        String instance = lane.name() + "-analysis-worker";
        env.put("LOG_FORMAT", "json");
        env.put("WORKER_ID", instance);
        env.put("ANALYSIS_GROUP_ID", lane.analysisGroup());
        env.put("KAFKA_TOPIC_TASKS", lane.tasksTopic());
        env.put("KAFKA_RESULT_TOPIC", lane.resultsTopic());
        env.put("ANALYSIS_TOPIC", lane.analysisTopic());
        env.put("ANALYSIS_KEY_POOL_TOPIC", "bench-" + lane.name() + "-key-pool");
        env.putAll(extra);
        RunningApp worker = launch(instance, "analysis-worker", env, port);
        worker.awaitReady();
        return worker;
    }

    /** Starts a notifier without waiting; {@code sinks} are switched on, every other optional sink off. */
    public RunningApp launchNotifier(Lane lane, List<String> sinks) {
        int port = Ports.freePort();
        Map<String, String> env = new LinkedHashMap<>(environment.notifier(port));
        env.put("LOG_FORMAT", "json");
        env.put("KAFKA_RESULT_TOPIC", lane.resultsTopic());
        env.put("KAFKA_TOPIC_TASKS", lane.tasksTopic());
        env.put("NOTIFIER_GROUP_ID", lane.notifierGroup());
        env.put("NOTIFIER_DATA_DIR", work.resolve(lane.name() + "-notifier-data").toString());
        for (String sink : List.of("log", "live", "database", "webhook", "redis", "email")) {
            env.put("NOTIFIER_SINKS_" + sink.toUpperCase() + "_ENABLED", Boolean.toString(sinks.contains(sink)));
        }
        return launch(lane.name() + "-notifier", "result-notifier", env, port);
    }

    /** Starts the generator over {@code prefix} of {@code bucket}; {@code extra} adds or overrides variables (e.g. OBS_SERVER). The caller awaits its exit. */
    public RunningApp launchGenerator(Lane lane, String instance, String bucket, String prefix, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(environment.generator());
        env.put("LOG_FORMAT", "json");
        env.put("KAFKA_TOPIC_TASKS", lane.tasksTopic());
        env.put("KAFKA_RESULT_TOPIC", lane.resultsTopic());
        env.put("SOURCE_BUCKET", bucket);
        env.put("FILE_PREFIX", prefix);
        env.putAll(extra);
        return launch(lane.name() + "-" + instance, "task-generator", env, 0);
    }

    private RunningApp launch(String instance, String app, Map<String, String> env, int httpPort) {
        return launch(instance, app, env, httpPort, classData, true);
    }

    /** {@code archiveFirst}: the jar's class-data archive is written before, so that this run is recorded (see {@link #writeArchive}). */
    private RunningApp launch(String instance, String app, Map<String, String> env, int httpPort, Optional<Path> classData,
                              boolean archiveFirst) {
        Path jar = jars.get(app);
        if (archiveFirst) {
            classData.ifPresent(cache -> writeArchive(instance, app, env, cache));
        }
        Path recording = recordingFile(instance);
        Map<String, String> withRecording = new LinkedHashMap<>(env);
        withRecording.put("JAVA_TOOL_OPTIONS", toolOptions(app, recording));
        AppProcess process = AppProcess.start(instance, jar, "256m", withRecording, work.resolve("logs"), classData, appJava);
        RunningApp running = new RunningApp(process, process.pid(), recording, httpPort);
        apps.add(running);
        return running;
    }

    /**
     * The JDK records no flight recording while it writes a class-data archive ("JFR will be disabled during CDS
     * dumping"), so the first run of a jar, which writes it, would leave its profile empty. A run that only creates
     * the app's beans and exits ({@code spring.context.exit=onRefresh}, as the image's training run) writes it first.
     * It is started with the options of the runs that will use the archive, the flight recording's too: that option
     * adds the {@code jdk.jfr} module, and a JDK 25 refuses an AOT cache written with other module options.
     */
    private void writeArchive(String instance, String app, Map<String, String> env, Path cache) {
        Path jar = jars.get(app);
        if (ClassDataArchive.forJar(jar, cache, appJava).map(archive -> Files.isRegularFile(archive.archive())).orElse(true)) {
            return;
        }
        Map<String, String> training = new LinkedHashMap<>(env);
        training.put("JAVA_TOOL_OPTIONS", ("-Dspring.context.exit=onRefresh " + toolOptions(app, recordingFile(instance + "-class-data"))).trim());
        AppProcess process = AppProcess.start(instance + "-class-data", jar, "256m", training, work.resolve("logs"), Optional.of(cache), appJava);
        if (process.waitForExit(APP_START) < 0) {
            process.stop();
        }
    }

    /** Where the app started as {@code instance} writes its flight recording, in a folder made if need be. */
    private Path recordingFile(String instance) {
        Path recording = work.resolve("profiles").resolve(instance + ".jfr");
        try {
            Files.createDirectories(recording.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return recording;
    }

    /** The app's JVM options besides its heap and class data: the flight recording into {@code recording} (if on), then the extra ones. */
    private String toolOptions(String app, Path recording) {
        return flightRecording
                ? "-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true,settings=default" + optionsFor(app)
                : optionsFor(app).trim();
    }

    private String optionsFor(String app) {
        String options = String.join(" ", jvmOptions.getOrDefault("*", ""), jvmOptions.getOrDefault(app, "")).trim();
        return options.isEmpty() ? "" : " " + options;
    }

    /** The OBS SDK store the apps use, configured as the local stack configures them (path style, V2 signatures). */
    public static ObsObjectStore objectStore(String endpoint, String accessKey, String secretKey) {
        return new ObsObjectStore(new ObsProperties(accessKey, secretKey, endpoint, "local", true, ObsProperties.AuthType.V2,
                null, null, Duration.ofSeconds(10), Duration.ofSeconds(60), 64, 3));
    }

    /** Where the apps' class-data archives are kept; empty: the apps run from their jars as they are. */
    public Optional<Path> classData() {
        return classData;
    }

    /** The java that runs the apps. */
    public AppJava appJava() {
        return appJava;
    }

    public Path work() {
        return work;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public S3ProxyServer s3() {
        return s3;
    }

    public ObjectStore store() {
        return store;
    }

    /** The broker's and the store's process ids, to measure what they cost in a scenario. */
    public Map<String, Long> infrastructurePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("broker", ChildProcesses.pidRunning("kafka.Kafka"));
        pids.put("s3proxy", ChildProcesses.pidRunning("org.gaul.s3proxy.Main"));
        pids.put("harness", ProcessHandle.current().pid());
        return pids;
    }

    public Admin admin() {
        return admin;
    }

    /** The baseline: the worker's task handling on this stack's store, without Kafka; files go under {@code work/name}. */
    public BareLoop bareLoop(String name) {
        BareLoop loop = new BareLoop(store, work.resolve(name));
        bareLoops.add(loop);
        return loop;
    }

    @Override
    public void close() {
        List<RunningApp> running = new ArrayList<>(apps);
        Collections.reverse(running);
        running.forEach(RunningApp::close);
        bareLoops.forEach(BareLoop::close);
        admin.close();
        try {
            store.close();
        } catch (IOException e) {
            // closing the client's connection pool; nothing left to do
        }
        kafka.close();
        s3.close();
    }
}
