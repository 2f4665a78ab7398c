package io.obspipe.generator.incremental;

import java.util.concurrent.atomic.AtomicLong;

/** MAX_FILES across the ranges of one scan: how many more tasks may be published (0 = no cap). */
final class PublishBudget {

    private final boolean capped;
    private final AtomicLong left;

    PublishBudget(long maxFiles) {
        this.capped = maxFiles > 0;
        this.left = new AtomicLong(maxFiles);
    }

    boolean take() {
        return !capped || left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    boolean exhausted() {
        return capped && left.get() <= 0;
    }
}
