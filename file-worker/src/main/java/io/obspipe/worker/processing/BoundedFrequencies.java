package io.obspipe.worker.processing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Counts how often each value occurs, tracking at most a bound of distinct values so memory stays
 * flat: once the bound is reached, new values are no longer tracked (only counted as "capped") and
 * the values already tracked keep counting.
 *
 * <p>Values are UTF-8 byte ranges, looked up without making a String of each: an open-addressing
 * table of entry numbers over arrays of keys, hashes and counts kept in first-seen order.
 */
final class BoundedFrequencies {

    private final int bound;
    private byte[][] keys = new byte[16][];
    private int[] hashes = new int[16];
    private long[] counts = new long[16];
    private int[] slots = new int[32];
    private int size;
    private boolean capped;

    BoundedFrequencies(int bound) {
        this.bound = bound;
    }

    void add(byte[] bytes, int start, int end) {
        int hash = hash(bytes, start, end);
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                if (size < bound) {
                    slots[slot] = insert(Arrays.copyOfRange(bytes, start, end), hash) + 1;
                    if (2 * size > slots.length) {
                        rehash();
                    }
                } else {
                    capped = true;
                }
                return;
            }
            if (hashes[entry] == hash && Arrays.equals(keys[entry], 0, keys[entry].length, bytes, start, end)) {
                counts[entry]++;
                return;
            }
        }
    }

    /** Distinct values tracked: the exact number of distinct values unless {@link #capped}. */
    int distinct() {
        return size;
    }

    boolean capped() {
        return capped;
    }

    /** The tracked value seen most often (the first seen on a tie), or null if nothing was added. */
    Map.Entry<String, Long> mostFrequent() {
        int best = -1;
        for (int entry = 0; entry < size; entry++) {
            if (best < 0 || counts[entry] > counts[best]) {
                best = entry;
            }
        }
        return best < 0 ? null : Map.entry(new String(keys[best], StandardCharsets.UTF_8), counts[best]);
    }

    private int insert(byte[] key, int hash) {
        if (size == keys.length) {
            int capacity = Math.min(bound, 2 * size);
            keys = Arrays.copyOf(keys, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        keys[size] = key;
        hashes[size] = hash;
        counts[size] = 1;
        return size++;
    }

    private void rehash() {
        slots = new int[2 * slots.length];
        int mask = slots.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = hashes[entry] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry + 1;
        }
    }

    private static int hash(byte[] bytes, int start, int end) {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        int spread = hash * 0x9E3779B9; // the table uses the low bits: mix the high ones in
        return spread ^ (spread >>> 16);
    }
}
