package io.obspipe.platform.health;

import io.obspipe.platform.storage.ObjectStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.List;
import java.util.Objects;

/** Up when the object store answers and the configured buckets exist (for readiness). */
public class ObjectStoreHealthIndicator extends AbstractHealthIndicator {

    private final ObjectStore store;
    private final List<String> buckets;

    public ObjectStoreHealthIndicator(ObjectStore store, List<String> buckets) {
        super("the object store is not reachable");
        this.store = store;
        this.buckets = buckets.stream().filter(Objects::nonNull).filter(b -> !b.isBlank()).distinct().toList();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> missing = buckets.stream().filter(bucket -> !store.bucketExists(bucket)).toList();
        if (missing.isEmpty()) {
            builder.up().withDetail("buckets", buckets);
        } else {
            builder.down().withDetail("missingBuckets", missing);
        }
    }
}
