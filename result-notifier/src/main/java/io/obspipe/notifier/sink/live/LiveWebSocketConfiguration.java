package io.obspipe.notifier.sink.live;

import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The live feed over a WebSocket at {@value #PATH}, from the dashboard's own origin or from a client that sends none. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSinkEnabled("live")
@EnableWebSocket
class LiveWebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/results";

    private final LiveFeed feed;

    LiveWebSocketConfiguration(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        LiveWebSocketHandler handler = new LiveWebSocketHandler(feed);
        registry.addHandler(handler, PATH).addInterceptors(handler);
    }
}
