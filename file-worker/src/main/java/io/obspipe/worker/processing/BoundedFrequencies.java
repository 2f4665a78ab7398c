package io.obspipe.worker.processing;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Counts how often each value occurs, tracking at most a bound of distinct values so memory stays
 * flat: once the bound is reached, new values are no longer tracked (only counted as "capped") and
 * the values already tracked keep counting. From then on a HyperLogLog sketch (Apache DataSketches)
 * of the values not tracked estimates how many distinct values lie beyond the bound: exact counting
 * costs nothing extra below the bound, and the sketch, fixed in size, only what lies beyond it. The
 * distinct values are then the tracked ones, exactly, plus the sketch's estimate.
 *
 * <p>Two tables of consecutive parts of the content {@link #merge} into the table of the whole: the
 * tracked values are then the same as one table over the whole would track, and their counts too as
 * long as no part reached the bound (a part that did missed the values it saw only after that). A
 * value beyond the later part's bound may be tracked by the merged table, so a merge with a part
 * that passed the bound sketches every value, tracked ones included, and estimates the distinct
 * values from that sketch.
 *
 * <p>Values are UTF-8 byte ranges, looked up without making a String of each: an open-addressing
 * table of entry numbers over the entries, kept in first-seen order. A value is hashed eight bytes at
 * a time. Each entry keeps its value's hash, length, first and last eight bytes and count side by
 * side in one array, so that a value of up to sixteen bytes — most values of a CSV — is compared
 * without reading its key: reading the keys, each an array of its own somewhere on the heap, was
 * where most of a large file's lookups waited.
 */
final class BoundedFrequencies {

    /** log2 of the sketch's registers: a relative standard error of 1.04 / sqrt(4096), about 1.6 %, in 2 KiB. */
    static final int SKETCH_LG_K = 12;
    /** What {@link #add} returns for a value beyond the bound. */
    static final int NOT_TRACKED = -1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int ENTRY_LONGS = 4;
    private static final int HEAD = 1;
    private static final int TAIL = 2;
    private static final int COUNT = 3;

    private final int bound;
    private byte[][] keys = new byte[16][];
    /** {@link #ENTRY_LONGS} per entry: its {@link #identity}, first eight bytes, last eight bytes and count. */
    private long[] entries = new long[16 * ENTRY_LONGS];
    private int[] slots = new int[32];
    private int size;
    private boolean capped;
    /** The values counted since the bound was reached and not tracked; once {@link #sketchesTracked}, every value. */
    private HllSketch beyondBound;
    private boolean sketchesTracked;

    BoundedFrequencies(int bound) {
        this.bound = bound;
    }

    /**
     * Counts the value in {@code bytes[start, end)}; returns its entry, numbered in first-seen order
     * from 0 (so a value seen for the first time gets {@link #distinct()} − 1), or
     * {@link #NOT_TRACKED} once the bound is reached and the value is not among the tracked ones.
     */
    int add(byte[] bytes, int start, int end) {
        int length = end - start;
        long head = word(bytes, start, end);
        long tail = length > Long.BYTES ? (long) LONGS.get(bytes, end - Long.BYTES) : 0;
        int hash = hash(bytes, start, end, head);
        long identity = identity(hash, length);
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                if (size < bound) {
                    entry = insert(Arrays.copyOfRange(bytes, start, end), identity, head, tail, 1);
                    slots[slot] = entry + 1;
                    if (2 * size > slots.length) {
                        rehash();
                    }
                    return entry;
                }
                untracked().update(fnv1a(bytes, start, end));
                return NOT_TRACKED;
            }
            int at = entry * ENTRY_LONGS;
            if (entries[at] == identity && entries[at + HEAD] == head && entries[at + TAIL] == tail
                    && (length <= 2 * Long.BYTES || sameMiddle(keys[entry], bytes, start, end))) {
                entries[at + COUNT]++;
                return entry;
            }
        }
    }

    /** Adds the counts of {@code later}, a table of the content that follows this table's. */
    void merge(BoundedFrequencies later) {
        for (int entry = 0; entry < later.size; entry++) {
            addEntryOf(later, entry);
        }
        if (later.capped) {
            Union union = new Union(SKETCH_LG_K);
            union.update(everyValue());
            union.update(later.everyValue());
            beyondBound = union.getResult();
        }
    }

    /** Adds the value and count of {@code other}'s {@code entry}. */
    private void addEntryOf(BoundedFrequencies other, int entry) {
        int slot = slotOf(other, entry);
        int at = entry * ENTRY_LONGS;
        if (slots[slot] > 0) {
            entries[(slots[slot] - 1) * ENTRY_LONGS + COUNT] += other.entries[at + COUNT];
        } else if (size < bound) {
            slots[slot] = insert(other.keys[entry], other.entries[at], other.entries[at + HEAD], other.entries[at + TAIL],
                    other.entries[at + COUNT]) + 1;
            if (2 * size > slots.length) {
                rehash();
            }
        } else {
            untracked().update(fnv1a(other.keys[entry], 0, other.keys[entry].length));
        }
    }

    /** The slot that holds the value of {@code other}'s {@code entry}, or the empty slot where it would go. */
    private int slotOf(BoundedFrequencies other, int entry) {
        long identity = other.entries[entry * ENTRY_LONGS];
        int mask = slots.length - 1;
        for (int slot = (int) (identity >>> 32) & mask; ; slot = (slot + 1) & mask) {
            int found = slots[slot] - 1;
            if (found < 0 || entries[found * ENTRY_LONGS] == identity && Arrays.equals(keys[found], other.keys[entry])) {
                return slot;
            }
        }
    }

    /** Whether {@link #merge}, of {@code later}, would leave this table {@link #capped}. */
    boolean capsWith(BoundedFrequencies later) {
        if (capped || later.capped) {
            return true;
        }
        if (size + later.size <= bound) {
            return false;
        }
        int unseen = 0;
        for (int entry = 0; entry < later.size; entry++) {
            if (slots[slotOf(later, entry)] == 0 && size + ++unseen > bound) {
                return true;
            }
        }
        return false;
    }

    /** The value of a tracked entry ({@code 0 <= entry < distinct()}), as UTF-8 bytes. */
    byte[] value(int entry) {
        return keys[entry];
    }

    /** How often the value of a tracked entry was counted. */
    long count(int entry) {
        return entries[entry * ENTRY_LONGS + COUNT];
    }

    /** The sketch that takes a value not tracked, made when the bound is first met. */
    private HllSketch untracked() {
        if (!capped) {
            capped = true;
            beyondBound = new HllSketch(SKETCH_LG_K);
        }
        return beyondBound;
    }

    /** The sketch of every value seen: {@link #beyondBound} with the tracked values added to it. */
    private HllSketch everyValue() {
        HllSketch sketch = untracked();
        if (!sketchesTracked) {
            sketchesTracked = true;
            for (int entry = 0; entry < size; entry++) {
                sketch.update(fnv1a(keys[entry], 0, keys[entry].length));
            }
        }
        return sketch;
    }

    /** Distinct values tracked: the exact number of distinct values unless {@link #capped}. */
    int distinct() {
        return size;
    }

    boolean capped() {
        return capped;
    }

    /**
     * Once {@link #capped}, the estimate of the distinct values and its bounds at two standard
     * deviations (≈ 95 %): the tracked values plus the sketch's estimate of the others, or, after a
     * merge past the bound, the estimate of the sketch of every value.
     */
    DistinctEstimate estimate() {
        long exact = sketchesTracked ? 0 : size;
        return new DistinctEstimate(exact + Math.round(beyondBound.getEstimate()),
                exact + Math.round(beyondBound.getLowerBound(2)), exact + Math.round(beyondBound.getUpperBound(2)));
    }

    record DistinctEstimate(long estimate, long lowerBound, long upperBound) {
    }

    /** The tracked value seen most often (the first seen on a tie), or null if nothing was added. */
    Map.Entry<String, Long> mostFrequent() {
        int best = -1;
        for (int entry = 0; entry < size; entry++) {
            if (best < 0 || count(entry) > count(best)) {
                best = entry;
            }
        }
        return best < 0 ? null : Map.entry(new String(keys[best], StandardCharsets.UTF_8), count(best));
    }

    private int insert(byte[] key, long identity, long head, long tail, long count) {
        if (size == keys.length) {
            int capacity = Math.min(bound, 2 * size);
            keys = Arrays.copyOf(keys, capacity);
            entries = Arrays.copyOf(entries, capacity * ENTRY_LONGS);
        }
        keys[size] = key;
        int at = size * ENTRY_LONGS;
        entries[at] = identity;
        entries[at + HEAD] = head;
        entries[at + TAIL] = tail;
        entries[at + COUNT] = count;
        return size++;
    }

    private void rehash() {
        slots = new int[2 * slots.length];
        int mask = slots.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = (int) (entries[entry * ENTRY_LONGS] >>> 32) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry + 1;
        }
    }

    /**
     * Whether {@code key} and {@code bytes[start, end)}, of the same length and with the same first and last eight
     * bytes, are equal: whether the bytes between those are.
     */
    static boolean sameMiddle(byte[] key, byte[] bytes, int start, int end) {
        return Arrays.equals(key, Long.BYTES, key.length - Long.BYTES, bytes, start + Long.BYTES, end - Long.BYTES);
    }

    /** An entry's first long: the value's hash in the high 32 bits, its length in the low 32. */
    private static long identity(int hash, int length) {
        return (long) hash << 32 | length;
    }

    private static int hash(byte[] bytes, int start, int end, long head) {
        long hash = (end - start) * 0x9E3779B97F4A7C15L ^ head;
        for (int i = start + Long.BYTES; i < end; i += Long.BYTES) {
            hash = Long.rotateLeft(hash * 0xC2B2AE3D27D4EB4FL, 31) ^ word(bytes, i, end);
        }
        hash *= 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 32)); // the table uses the low bits: mix the high ones in
    }

    /** The up to eight bytes of {@code bytes[start, end)} from {@code start} as one little-endian number, zero beyond {@code end}. */
    private static long word(byte[] bytes, int start, int end) {
        int length = end - start;
        if (length >= Long.BYTES) {
            return (long) LONGS.get(bytes, start);
        }
        if (start + Long.BYTES <= bytes.length) {
            return (long) LONGS.get(bytes, start) & ((1L << (Long.SIZE / Long.BYTES * length)) - 1);
        }
        long word = 0;
        for (int i = end - 1; i >= start; i--) {
            word = word << Byte.SIZE | (bytes[i] & 0xFF);
        }
        return word;
    }

    /** 64 bits for the sketch, which needs more than the table's hash and none of its short-string collisions. */
    private static long fnv1a(byte[] bytes, int start, int end) {
        long hash = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++) {
            hash = (hash ^ (bytes[i] & 0xFF)) * 0x100000001b3L;
        }
        return hash;
    }
}
