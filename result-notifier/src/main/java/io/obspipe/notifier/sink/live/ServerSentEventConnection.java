package io.obspipe.notifier.sink.live;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** A browser following {@code GET /api/results/stream}: the events go out as one piece of text with one flush. */
final class ServerSentEventConnection implements LiveConnection {

    /** As {@link SseEmitter} writes the text of its events. */
    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final SseEmitter emitter;

    ServerSentEventConnection(SseEmitter emitter) {
        this.emitter = emitter;
    }

    /** Calls the action when the browser went away or the connection failed. */
    void onEnd(Runnable action) {
        emitter.onCompletion(action);
        emitter.onTimeout(action);
        emitter.onError(error -> action.run());
    }

    @Override
    public void send(List<LiveEvent> events) throws IOException {
        int length = 0;
        for (LiveEvent event : events) {
            length += event.serverSentText().length();
        }
        StringBuilder text = new StringBuilder(length);
        for (LiveEvent event : events) {
            text.append(event.serverSentText());
        }
        emitter.send(Set.of(new DataWithMediaType(text.toString(), TEXT)));
    }

    @Override
    public void close() {
        emitter.complete();
    }
}
