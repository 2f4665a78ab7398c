package io.obspipe.notifier.sink.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.MessageCodec;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.ObjectWriter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients following the live feed, as server-sent events or over a WebSocket: event {@code result} with a
 * {@link io.obspipe.notifier.sink.ResultView} for each result, {@code analysis} with an
 * {@link io.obspipe.notifier.sink.AnalysisView} for each analysis, {@code key_pool} with the {@link KeyPoolView}
 * whenever an analysis worker reports its pool, and a keep-alive every 15 s (a comment, or a WebSocket ping) that
 * keeps proxies from closing an idle connection and finds clients that went away. A new client first gets the key
 * pool as it is and the last {@value #REPLAYED_ANALYSES} analyses (at most half its buffer), then every event as it comes.
 * A stream starts with the comment {@code connected}, a WebSocket with the frame {@code {"type":"connected","data":{}}}:
 * from then on the client misses nothing. Connections are ended first thing at shutdown, so they never hold up the web server's graceful stop.
 */
@Component
@ConditionalOnSinkEnabled("live")
@EnableConfigurationProperties(LiveProperties.class)
public class LiveFeed implements SmartLifecycle {

    static final int REPLAYED_ANALYSES = 100;
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final ObjectWriter KEY_POOL_WRITER = MessageCodec.mapper().writerFor(KeyPoolView.class);

    private final LiveProperties properties;
    private final KeyPoolBoard keyPool;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    /** Guarded by this feed, as is the replay to a new client, so that it neither misses nor reorders an analysis. */
    private final Deque<LiveEvent> recentAnalyses = new ArrayDeque<>(REPLAYED_ANALYSES);
    private volatile boolean running;

    public LiveFeed(LiveProperties properties, KeyPoolBoard keyPool, MeterRegistry meters) {
        this.properties = properties;
        this.keyPool = keyPool;
        Gauge.builder("pipeline.notifier.live.clients", clients, Set::size)
                .description("Clients following the live feed (server-sent events and WebSocket)")
                .register(meters);
    }

    /** A server-sent event stream for a new browser; 503 when NOTIFIER_LIVE_MAX_CLIENTS follow the feed already. */
    SseEmitter openStream() {
        if (full()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, fullMessage());
        }
        SseEmitter emitter = new SseEmitter(0L);
        ServerSentEventConnection connection = new ServerSentEventConnection(emitter);
        LiveClient client = newClient(connection);
        connection.onEnd(client::close);
        join(client, LiveEvent.comment("connected"));
        return emitter;
    }

    /** Starts feeding a WebSocket whose handshake {@link #full()} let through; its client, to close when the socket closes. */
    LiveClient openWebSocket(WebSocketSession session) {
        LiveClient client = newClient(new WebSocketConnection(session));
        join(client, LiveEvent.of("connected", "{}"));
        return client;
    }

    /** Whether NOTIFIER_LIVE_MAX_CLIENTS follow the feed already. */
    boolean full() {
        return clients.size() >= properties.maxClients();
    }

    String fullMessage() {
        return "the live feed has " + properties.maxClients() + " clients already (NOTIFIER_LIVE_MAX_CLIENTS)";
    }

    /** Whether any client follows the feed, so that nobody encodes results for no one. */
    boolean hasClients() {
        return !clients.isEmpty();
    }

    void broadcast(LiveEvent event) {
        for (LiveClient client : clients) {
            if (!client.offer(event)) {
                log.atInfo().log("disconnected a live-feed client that fell {} events behind; it reconnects and reloads", properties.clientBuffer());
            }
        }
    }

    /** Sends an analysis to every client and keeps it for the clients that connect later. */
    synchronized void broadcastAnalysis(LiveEvent event) {
        if (recentAnalyses.size() == REPLAYED_ANALYSES) {
            recentAnalyses.removeFirst();
        }
        recentAnalyses.addLast(event);
        broadcast(event);
    }

    /** Sends the key pool as it is now to every client. */
    synchronized void broadcastKeyPool() {
        if (hasClients()) {
            broadcast(keyPoolEvent());
        }
    }

    private LiveClient newClient(LiveConnection connection) {
        return new LiveClient(connection, properties.clientBuffer(), "live-client-" + connections.incrementAndGet(), clients::remove);
    }

    /** Registers the client, greets it (from then on it misses nothing), and replays what a new client gets. */
    private synchronized void join(LiveClient client, LiveEvent greeting) {
        clients.add(client);
        client.offer(greeting);
        if (!keyPool.view().workers().isEmpty()) {
            client.offer(keyPoolEvent());
        }
        // at most half the client's buffer, so that the replay never disconnects it
        recentAnalyses.stream().skip(Math.max(0, recentAnalyses.size() - properties.clientBuffer() / 2)).forEach(client::offer);
        client.start();
    }

    private LiveEvent keyPoolEvent() {
        return LiveEvent.of("key_pool", KEY_POOL_WRITER.writeValueAsString(keyPool.view()));
    }

    @Scheduled(fixedDelay = 15_000)
    void keepAlive() {
        clients.forEach(client -> client.offer(LiveEvent.KEEP_ALIVE));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        clients.forEach(LiveClient::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
