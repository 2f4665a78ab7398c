package io.obspipe.generator.incremental;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one incremental scan of a job did.
 *
 * @param resumedAfter the key after which an interrupted scan was resumed, or null
 * @param complete     every range reached its end (false after a failure or a requested stop)
 * @param failure      one sentence saying why the scan failed, or null
 */
public record ScanOutcome(long listed, long skipped, long newObjects, long changed, long unchanged, long published,
                          Map<String, Long> publishedByTopic, String resumedAfter, boolean complete, String failure) {

    public ScanOutcome {
        publishedByTopic = Collections.unmodifiableMap(new LinkedHashMap<>(publishedByTopic));
    }
}
