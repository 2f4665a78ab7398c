package io.obspipe.notifier.sink.live;

import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/results/stream}: the live feed as server-sent events (see {@link LiveFeed}; the same feed is at
 * {@code /ws/results} over a WebSocket); {@code GET /api/key-pool}: the analysis workers' key pool as it is now.
 */
@RestController
@ConditionalOnSinkEnabled("live")
public class LiveFeedController {

    private final LiveFeed feed;
    private final KeyPoolBoard keyPool;

    public LiveFeedController(LiveFeed feed, KeyPoolBoard keyPool) {
        this.feed = feed;
        this.keyPool = keyPool;
    }

    @GetMapping(path = "/api/results/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        return feed.openStream();
    }

    @GetMapping(path = "/api/key-pool", produces = MediaType.APPLICATION_JSON_VALUE)
    public KeyPoolView keyPool() {
        return keyPool.view();
    }
}
