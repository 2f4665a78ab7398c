package io.obspipe.generator.task;

import io.obspipe.model.FileTask;
import io.obspipe.platform.storage.StoredObject;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds task messages. {@code dest_key} is only set when the caller names one (DEST_KEY);
 * otherwise it is left out and the worker applies the seed's default {@code <key>.parsed.json}.
 */
public final class Tasks {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Tasks::newDrbg);

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
     * A random (version 4) UUID from a generator of the calling thread's own: {@link UUID#randomUUID()} draws from one
     * shared SecureRandom, which the key ranges listed at once queue on. Each thread's is a DRBG SecureRandom, so ids
     * stay as unpredictable and collision-free as the JDK's (the notifier deduplicates results by task id).
     */
    static String taskId() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long high = (buffer.getLong() & ~0xF000L) | 0x4000L;
        long low = (buffer.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no DRBG SecureRandom", e);
        }
    }
}
