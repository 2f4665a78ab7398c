package io.obspipe.generator.task;

import io.obspipe.model.FileTask;
import io.obspipe.platform.storage.StoredObject;

import java.time.Instant;
import java.util.UUID;

/**
 * Builds task messages. {@code dest_key} is only set when the caller names one (DEST_KEY);
 * otherwise it is left out and the worker applies the seed's default {@code <key>.parsed.json}.
 */
public final class Tasks {

    private Tasks() {
    }

    /** A task for a listed or stat'ed object, carrying its size, etag and last-modified time. */
    public static FileTask forObject(StoredObject object, String destBucket, String destKey) {
        return new FileTask(UUID.randomUUID().toString(), object.key(), object.bucket(), destBucket, destKey,
                object.size(), object.etag(), object.lastModified(), Instant.now());
    }

    /** A task for a key the caller knows about; size, etag and last-modified are unknown and left out. */
    public static FileTask forKey(String key, String bucket, String destBucket) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an object key must not be blank");
        }
        return new FileTask(UUID.randomUUID().toString(), key, bucket, destBucket, null, null, null, null, Instant.now());
    }
}
