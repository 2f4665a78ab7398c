package io.obspipe.notifier.sink.live;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.List;

/**
 * A client of {@code /ws/results}: each event is a text message of its own, so that a client parses one JSON object
 * per message; a keep-alive is a ping, which also finds clients that went away.
 */
final class WebSocketConnection implements LiveConnection {

    private final WebSocketSession session;

    WebSocketConnection(WebSocketSession session) {
        this.session = session;
    }

    @Override
    public void send(List<LiveEvent> events) throws IOException {
        for (LiveEvent event : events) {
            if (event.isComment()) {
                session.sendMessage(new PingMessage());
            } else {
                session.sendMessage(new TextMessage(event.webSocketText()));
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close(CloseStatus.GOING_AWAY);
        } catch (IOException | RuntimeException e) {
            // the client went away already
        }
    }
}
