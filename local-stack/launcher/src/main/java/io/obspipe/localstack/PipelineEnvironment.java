package io.obspipe.localstack;

import io.obspipe.model.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables that configure the three apps for a run on this machine: the local
 * broker, S3Proxy in place of OBS, and folders under the run's work folder. The apps read nothing else.
 */
public final class PipelineEnvironment {

    public static final String SOURCE_BUCKET = "input-files";
    public static final String DESTINATION_BUCKET = "processed-files";
    public static final String WORKER_GROUP = "obs-workers";

    private final Map<String, String> shared = new LinkedHashMap<>();
    private final Path workDir;

    public PipelineEnvironment(String bootstrapServers, S3ProxyServer s3, Path workDir) {
        this.workDir = workDir;
        shared.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        shared.put("KAFKA_TOPIC_TASKS", Topics.DEFAULT_TASKS);
        shared.put("KAFKA_RESULT_TOPIC", Topics.DEFAULT_RESULTS);
        shared.put("OBS_ACCESS_KEY", s3.accessKey());
        shared.put("OBS_SECRET_KEY", s3.secretKey());
        shared.put("OBS_SERVER", s3.endpoint());
        shared.put("OBS_PATH_STYLE", "true");
        shared.put("OBS_AUTH_TYPE", "V2");
        shared.put("OBS_SOURCE_BUCKET", SOURCE_BUCKET);
        shared.put("OBS_DEST_BUCKET", DESTINATION_BUCKET);
        shared.put("LOG_FORMAT", "console");
    }

    public Map<String, String> worker(int serverPort, int managementPort) {
        Map<String, String> env = new LinkedHashMap<>(shared);
        env.put("KAFKA_GROUP_ID", WORKER_GROUP);
        env.put("OBS_DOWNLOAD_DIR", workDir.resolve("downloads").toString());
        env.put("OBS_UPLOAD_DIR", workDir.resolve("uploads").toString());
        env.put("POOL_SIZE", "4");
        env.put("SERVER_PORT", Integer.toString(serverPort));
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        return env;
    }

    /** The analysis worker against {@code baseUrl} (an OpenAI-compatible API) with the key pool of {@code keysFile}. */
    public Map<String, String> analysisWorker(int port, String baseUrl, Path keysFile) {
        Map<String, String> env = new LinkedHashMap<>(shared);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("ANALYSIS_BASE_URL", baseUrl);
        env.put("ANALYSIS_KEYS_FILE", keysFile.toString());
        return env;
    }

    public Map<String, String> notifier(int port) {
        Map<String, String> env = new LinkedHashMap<>(shared);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("NOTIFIER_DATA_DIR", workDir.resolve("notifier").toString());
        return env;
    }

    /** The generator for one run: it lists, publishes, prints its summary and exits. */
    public Map<String, String> generator() {
        Map<String, String> env = new LinkedHashMap<>(shared);
        env.put("SOURCE_BUCKET", SOURCE_BUCKET);
        env.put("FILE_PREFIX", SampleFiles.PREFIX);
        // a one-shot job: should it ever serve HTTP, it must not take the notifier's port
        env.put("SERVER_PORT", "0");
        return env;
    }

    /** The generator in continuous mode: rescans every {@code interval}, its actuator on {@code port}. */
    public Map<String, String> continuousGenerator(int port, Duration interval) {
        Map<String, String> env = generator();
        env.put("GENERATOR_SCAN_INTERVAL", interval.toSeconds() + "s");
        env.put("SERVER_PORT", Integer.toString(port));
        return env;
    }
}
