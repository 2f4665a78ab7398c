package io.obspipe.notifier.sink.live;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live feed ({@code GET /api/results/stream}) behind the dashboard.
 *
 * @param maxClients   browsers that may follow the dashboard's live feed at once; more get 503
 * @param clientBuffer results a browser may fall behind before it is disconnected; it reconnects and reloads the
 *                     history, and the feed never waits for it
 */
@Validated
@ConfigurationProperties("pipeline.notifier.sinks.live")
public record LiveProperties(
        @Min(value = 1, message = "NOTIFIER_LIVE_MAX_CLIENTS must be at least 1") int maxClients,
        @Min(value = 1, message = "NOTIFIER_LIVE_CLIENT_BUFFER must be at least 1") int clientBuffer) {
}
