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

    List<String> names() {
        return new ArrayList<>(names);
    }

    /** True once a name was left out because the bound was reached. */
    boolean capped() {
        return capped;
    }
}
