package io.obspipe.worker.processing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Distinct names in the order first seen, keeping at most a bound of them so memory stays flat. */
final class BoundedNames {

    private final int bound;
    private final Set<String> names = new LinkedHashSet<>();
    private boolean capped;

    BoundedNames(int bound) {
        this.bound = bound;
    }

    void add(String name) {
        if (names.contains(name)) {
            return;
        }
        if (names.size() < bound) {
            names.add(name);
        } else {
            capped = true;
        }
    }

    /**
     * Adds the names of {@code later}, kept over the content that follows this one's: the result is what
     * one instance over both would keep, as {@code later} kept the first names it saw.
     */
    void merge(BoundedNames later) {
        later.names.forEach(this::add);
        capped |= later.capped;
    }

    List<String> names() {
        return new ArrayList<>(names);
    }

    /** True once a name was left out because the bound was reached. */
    boolean capped() {
        return capped;
    }
}
