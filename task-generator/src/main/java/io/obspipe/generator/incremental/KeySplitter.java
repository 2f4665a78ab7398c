package io.obspipe.generator.incremental;

import io.obspipe.platform.storage.ObjectStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a job's key space into disjoint ranges to list at once, at the "folders" found by listing with the
 * delimiter {@code /} (descending while there is only one). Range {@code i} holds the keys in
 * ({@code boundaries[i-1]}, {@code boundaries[i]}]; a folder's own key is a folder marker, never an input, so a
 * folder's keys all fall in the range that starts at it. A namespace without folders is listed as one range.
 */
final class KeySplitter {

    private static final int MAX_DESCENT = 4;

    private KeySplitter() {
    }

    /** The upper bounds of the ranges but the last (whose bound is open): empty for one range. */
    static List<String> boundaries(ObjectStore store, String bucket, String prefix, int parallelism) {
        if (parallelism <= 1) {
            return List.of();
        }
        List<String> folders = store.commonPrefixes(bucket, prefix, "/");
        for (int depth = 0; folders.size() == 1 && depth < MAX_DESCENT; depth++) {
            folders = store.commonPrefixes(bucket, folders.get(0), "/");
        }
        int ranges = Math.min(parallelism, folders.size());
        List<String> boundaries = new ArrayList<>();
        for (int i = 1; i < ranges; i++) {
            boundaries.add(folders.get((int) ((long) i * folders.size() / ranges)));
        }
        return boundaries;
    }
}
