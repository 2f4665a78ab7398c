package io.obspipe.notifier.sink.live;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Each WebSocket of {@code /ws/results} is a client of the {@link LiveFeed}, with the same bounded buffer as a
 * server-sent event stream. A handshake while NOTIFIER_LIVE_MAX_CLIENTS follow the feed is refused with HTTP 503 and
 * the reason. What a client sends is ignored.
 */
final class LiveWebSocketHandler extends TextWebSocketHandler implements HandshakeInterceptor {

    private static final String CLIENT = LiveClient.class.getName();

    private final LiveFeed feed;

    LiveWebSocketHandler(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        if (!feed.full()) {
            return true;
        }
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getBody().write(feed.fullMessage().getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes().put(CLIENT, feed.openWebSocket(session));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // the feed only sends
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(CLIENT) instanceof LiveClient client) {
            client.close();
        }
    }
}
