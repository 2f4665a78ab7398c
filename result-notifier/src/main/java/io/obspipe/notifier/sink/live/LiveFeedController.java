package io.obspipe.notifier.sink.live;

import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/results/stream}: the live feed as server-sent events (see {@link LiveFeed}). */
@RestController
@ConditionalOnSinkEnabled("live")
public class LiveFeedController {

    private final LiveFeed feed;

    public LiveFeedController(LiveFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/api/results/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        return feed.open();
    }
}
