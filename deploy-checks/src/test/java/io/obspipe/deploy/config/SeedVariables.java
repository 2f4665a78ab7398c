package io.obspipe.deploy.config;

import java.util.Map;
import java.util.Set;

/**
 * The environment variables of the Python system this project replaces (its complete list, described in
 * docs/compatibility.md): every one must keep working, so an existing {@code .env} keeps its meaning.
 */
final class SeedVariables {

    static final Set<String> NAMES = Set.of(
            "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_TOPIC_TASKS", "KAFKA_RESULT_TOPIC", "KAFKA_GROUP_ID",
            "KAFKA_AUTO_OFFSET_RESET", "KAFKA_ENABLE_AUTO_COMMIT", "KAFKA_AUTO_COMMIT_INTERVAL_MS", "KAFKA_SESSION_TIMEOUT_MS",
            "KAFKA_HEARTBEAT_INTERVAL_MS", "KAFKA_MAX_POLL_INTERVAL_MS", "KAFKA_MAX_POLL_RECORDS", "KAFKA_ENABLE_PRODUCER",
            "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD",
            "OBS_ACCESS_KEY", "OBS_SECRET_KEY", "OBS_SERVER", "OBS_REGION", "OBS_SOURCE_BUCKET", "OBS_DEST_BUCKET",
            "OBS_DOWNLOAD_DIR", "OBS_UPLOAD_DIR",
            "POOL_SIZE", "CLEANUP_FILES", "CLEANUP_ON_ERROR", "DBC_FACTORY",
            "SOURCE_BUCKET", "FILE_PREFIX", "DEST_BUCKET", "MAX_FILES", "SINGLE_FILE", "DEST_KEY");

    /** Seed variables no app reads, with what became of them: accepted (an {@code .env} may still set them) and without effect. */
    static final Map<String, String> WITHOUT_EFFECT = Map.of(
            "KAFKA_AUTO_COMMIT_INTERVAL_MS", "the worker commits each task's offset together with its result, so there is no"
                    + " commit interval (see KAFKA_ENABLE_AUTO_COMMIT)");

    private SeedVariables() {
    }
}
