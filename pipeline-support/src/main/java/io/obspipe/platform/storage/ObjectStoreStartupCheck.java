package io.obspipe.platform.storage;

import io.obspipe.model.ErrorCode;
import io.obspipe.platform.config.PipelineConfigurationException;
import io.obspipe.platform.retry.DoublingBackOff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Before an app takes work: the default buckets (OBS_SOURCE_BUCKET, OBS_DEST_BUCKET) exist and the credentials
 * are accepted, or startup fails with one sentence naming the variables. A store that does not answer is waited
 * for up to OBS_STARTUP_TIMEOUT. Failures after startup are the tasks' business (retried as transient).
 */
public class ObjectStoreStartupCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ObjectStoreStartupCheck.class);
    private static final DoublingBackOff PAUSES = new DoublingBackOff(Duration.ofMillis(500), Duration.ofSeconds(5));

    private final ObjectStore store;
    private final String server;
    private final Map<String, String> buckets = new LinkedHashMap<>();
    private final Duration timeout;

    public ObjectStoreStartupCheck(ObjectStore store, ObsProperties obs, StorageStartupProperties startup) {
        this.store = store;
        this.server = obs.server();
        this.timeout = startup.timeout();
        putIfSet("OBS_SOURCE_BUCKET", obs.sourceBucket());
        putIfSet("OBS_DEST_BUCKET", obs.destBucket());
    }

    private void putIfSet(String variable, String bucket) {
        if (bucket != null && !bucket.isBlank()) {
            buckets.put(variable, bucket);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, String> bucket : buckets.entrySet()) {
            if (!exists(bucket.getKey(), bucket.getValue(), deadline)) {
                throw new PipelineConfigurationException("bucket '" + bucket.getValue() + "' (" + bucket.getKey()
                        + ") does not exist at " + server + " (OBS_SERVER): create it or fix " + bucket.getKey());
            }
        }
    }

    private boolean exists(String variable, String bucket, long deadline) {
        BackOffExecution pauses = PAUSES.start();
        boolean announced = false;
        while (true) {
            try {
                return store.bucketExists(bucket);
            } catch (StorageException e) {
                if (e.code() == ErrorCode.ACCESS_DENIED) {
                    throw new PipelineConfigurationException("the object store at " + server + " (OBS_SERVER) refused the credentials"
                            + " for bucket '" + bucket + "' (" + variable + "): check OBS_ACCESS_KEY / OBS_SECRET_KEY and the bucket's permissions", e);
                }
                if (!e.isTransient()) {
                    throw new PipelineConfigurationException("the object store at " + server + " (OBS_SERVER) rejected the check of bucket '"
                            + bucket + "' (" + variable + "): " + e.getMessage(), e);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new PipelineConfigurationException("the object store at " + server + " (OBS_SERVER) did not answer within "
                            + timeout.toSeconds() + "s (OBS_STARTUP_TIMEOUT): " + e.getMessage(), e);
                }
                if (!announced) {
                    log.atInfo().addKeyValue("obs_server", server).log("waiting up to {}s for the object store at {} (OBS_SERVER, OBS_STARTUP_TIMEOUT)",
                            timeout.toSeconds(), server);
                    announced = true;
                }
                sleep(Duration.ofNanos(Math.min(Duration.ofMillis(pauses.nextBackOff()).toNanos(), left)));
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineConfigurationException("interrupted while waiting for the object store", e);
        }
    }
}
