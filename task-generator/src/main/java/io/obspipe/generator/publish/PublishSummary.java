package io.obspipe.generator.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of sending tasks.
 *
 * @param published        tasks the broker acknowledged
 * @param failed           tasks the broker did not accept (sending stops after the first failure)
 * @param firstError       one sentence describing the first failure, or null
 * @param publishedByTopic tasks the broker acknowledged, per topic: every topic of the routes (TASK_ROUTES),
 *                         the default topic first, also those that got none
 */
public record PublishSummary(long published, long failed, String firstError, Map<String, Long> publishedByTopic) {

    public PublishSummary {
        publishedByTopic = Collections.unmodifiableMap(new LinkedHashMap<>(publishedByTopic));
    }

    public boolean succeeded() {
        return failed == 0;
    }
}
