package io.obspipe.notifier.sink.live;

import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.AnalysisView;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.KeyPoolSink;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.ResultView;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;

/**
 * Pushes each result, each analysis and each change of the key pool to the clients following the live feed. A client
 * that is not connected misses the results, and one that reconnects reloads their history from {@code GET /api/results};
 * the latest analyses and the key pool are replayed to it by the feed.
 */
@Component
@ConditionalOnSinkEnabled("live")
public class LiveFeedSink implements ResultSink, KeyPoolSink {

    /** Bound to the views up front, so an encode does not look the serializer up again. */
    private static final ObjectWriter VIEW_WRITER = MessageCodec.mapper().writerFor(ResultView.class);
    private static final ObjectWriter ANALYSIS_WRITER = MessageCodec.mapper().writerFor(AnalysisView.class);

    private final LiveFeed feed;
    private final KeyPoolBoard keyPool;

    public LiveFeedSink(LiveFeed feed, KeyPoolBoard keyPool) {
        this.feed = feed;
        this.keyPool = keyPool;
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
            feed.broadcast(LiveEvent.of("result", VIEW_WRITER.writeValueAsString(ResultView.of(result))));
        }
    }

    @Override
    public boolean readsAnalyses() {
        return true;
    }

    /** Encoded even without clients: the feed keeps the latest analyses for the clients that connect later. */
    @Override
    public void deliverAnalysis(ProcessingResult analyzed) {
        feed.broadcastAnalysis(LiveEvent.of("analysis", ANALYSIS_WRITER.writeValueAsString(AnalysisView.of(analyzed))));
    }

    @Override
    public void deliver(KeyPoolStatus snapshot) {
        keyPool.add(snapshot);
        feed.broadcastKeyPool();
    }
}
