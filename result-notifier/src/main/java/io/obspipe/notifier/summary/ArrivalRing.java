package io.obspipe.notifier.summary;

import io.obspipe.model.ResultStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Arrivals by status in consecutive buckets of a fixed number of seconds, for the most recent
 * buckets only: a ring indexed by bucket number (epoch second / bucket seconds) modulo its size,
 * where a slot still holding an older bucket counts as empty. Not thread-safe; the owner locks.
 */
final class ArrivalRing {

    private final int bucketSeconds;
    private final long[] bucketOfSlot;
    private final long[] succeeded;
    private final long[] failed;

    ArrivalRing(int bucketSeconds, int buckets) {
        this.bucketSeconds = bucketSeconds;
        this.bucketOfSlot = new long[buckets];
        this.succeeded = new long[buckets];
        this.failed = new long[buckets];
        Arrays.fill(bucketOfSlot, Long.MIN_VALUE);
    }

    void record(Instant at, ResultStatus status) {
        long bucket = bucketOf(at);
        int slot = slotOf(bucket);
        if (bucketOfSlot[slot] != bucket) {
            bucketOfSlot[slot] = bucket;
            succeeded[slot] = 0;
            failed[slot] = 0;
        }
        if (status == ResultStatus.SUCCESS) {
            succeeded[slot]++;
        } else {
            failed[slot]++;
        }
    }

    /** Arrivals in the ring's buckets up to the one holding {@code now}. */
    long total(Instant now) {
        return buckets(now).stream().mapToLong(bucket -> bucket.succeeded() + bucket.failed()).sum();
    }

    /** The ring's buckets up to the one holding {@code now}, oldest first, empty ones included. */
    List<ThroughputSnapshot.Bucket> buckets(Instant now) {
        long current = bucketOf(now);
        List<ThroughputSnapshot.Bucket> buckets = new ArrayList<>(bucketOfSlot.length);
        for (long bucket = current - bucketOfSlot.length + 1; bucket <= current; bucket++) {
            int slot = slotOf(bucket);
            boolean held = bucketOfSlot[slot] == bucket;
            buckets.add(new ThroughputSnapshot.Bucket(Instant.ofEpochSecond(bucket * bucketSeconds),
                    held ? succeeded[slot] : 0, held ? failed[slot] : 0));
        }
        return buckets;
    }

    int bucketSeconds() {
        return bucketSeconds;
    }

    private long bucketOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), bucketSeconds);
    }

    private int slotOf(long bucket) {
        return (int) Math.floorMod(bucket, bucketOfSlot.length);
    }
}
