package io.obspipe.notifier.sink.live;

import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.ResultView;
import org.springframework.stereotype.Component;

/**
 * Pushes each result to the browsers following the live feed. A browser that is not connected
 * misses it, and one that reconnects reloads the history from {@code GET /api/results}.
 */
@Component
@ConditionalOnSinkEnabled("live")
public class LiveFeedSink implements ResultSink {

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
            feed.broadcast(MessageCodec.encodeToString(ResultView.of(result)));
        }
    }
}
