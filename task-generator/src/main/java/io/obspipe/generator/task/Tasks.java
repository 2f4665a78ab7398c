package io.obspipe.generator.task;

import io.obspipe.model.FileTask;
import io.obspipe.platform.storage.StoredObject;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds task messages. {@code dest_key} is only set when the caller names one (DEST_KEY);
 * otherwise it is left out and the worker applies the seed's default {@code <key>.parsed.json}.
 */
public final class Tasks {

    private Tasks() {
    }

    /** A task for a listed or stat'ed object, carrying its size, etag and last-modified time. */
    public static FileTask forObject(StoredObject object, String destBucket, String destKey) {
        return new FileTask(taskId(), object.key(), object.bucket(), destBucket, destKey,
                object.size(), object.etag(), object.lastModified(), Instant.now());
    }

    /** A task for a key the caller knows about; size, etag and last-modified are unknown and left out. */
    public static FileTask forKey(String key, String bucket, String destBucket) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an object key must not be blank");
        }
        return new FileTask(taskId(), key, bucket, destBucket, null, null, null, null, Instant.now());
    }

    /**
     * A random (version 4) UUID from the calling thread's own generator: {@link UUID#randomUUID()} draws from one
     * shared SecureRandom, which the key ranges listed at once queue on, and a task id needs uniqueness, not secrecy.
     */
    static String taskId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
