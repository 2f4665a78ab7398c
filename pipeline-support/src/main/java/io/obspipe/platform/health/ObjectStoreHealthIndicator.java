package io.obspipe.platform.health;

import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StorageException;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Up when the object store answers and the configured buckets exist (for readiness). A failure is a detail of
 * the answer and one log line when it starts, never a stack trace.
 */
public class ObjectStoreHealthIndicator implements HealthIndicator {

    private final ObjectStore store;
    private final List<String> buckets;
    private final HealthChangeLog changes = new HealthChangeLog(LoggerFactory.getLogger(ObjectStoreHealthIndicator.class), "the object store");

    public ObjectStoreHealthIndicator(ObjectStore store, List<String> buckets) {
        this.store = store;
        this.buckets = buckets.stream().filter(Objects::nonNull).filter(b -> !b.isBlank()).distinct().toList();
    }

    @Override
    public Health health() {
        try {
            List<String> missing = buckets.stream().filter(bucket -> !store.bucketExists(bucket)).toList();
            if (missing.isEmpty()) {
                changes.up();
                return Health.up().withDetail("buckets", buckets).build();
            }
            changes.down("missing buckets " + missing);
            return Health.down().withDetail("missingBuckets", missing).build();
        } catch (StorageException e) {
            changes.down(e.getMessage());
            return Health.down().withDetail("error", e.getMessage()).withDetail("errorCode", e.code().name().toLowerCase(Locale.ROOT)).build();
        } catch (RuntimeException e) {
            String reason = HealthChangeLog.reason(e, e.getClass().getSimpleName());
            changes.down(reason);
            return Health.down().withDetail("error", reason).build();
        }
    }
}
