package io.obspipe.notifier.sink.live;

import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.ResultView;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;

/**
 * Pushes each result to the browsers following the live feed. A browser that is not connected
 * misses it, and one that reconnects reloads the history from {@code GET /api/results}.
 */
@Component
@ConditionalOnSinkEnabled("live")
public class LiveFeedSink implements ResultSink {

    /** Bound to the view up front, so an encode does not look the serializer up again. */
    private static final ObjectWriter VIEW_WRITER = MessageCodec.mapper().writerFor(ResultView.class);

    private final LiveFeed feed;

    public LiveFeedSink(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public String name() {
        return "live";
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        if (feed.hasClients()) {
            feed.broadcast(VIEW_WRITER.writeValueAsString(ResultView.of(result)));
        }
    }
}
