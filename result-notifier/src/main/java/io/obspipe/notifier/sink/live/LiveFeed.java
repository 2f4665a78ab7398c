package io.obspipe.notifier.sink.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The browsers following the live feed, as server-sent events: event {@code result} with a
 * {@link io.obspipe.notifier.sink.ResultView} as JSON for each result, and a comment every 15 s that
 * keeps proxies from closing an idle connection and finds browsers that went away.
 * Connections are ended first thing at shutdown, so they never hold up the web server's graceful stop.
 */
@Component
@ConditionalOnSinkEnabled("live")
@EnableConfigurationProperties(LiveProperties.class)
public class LiveFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final LiveProperties properties;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running;

    public LiveFeed(LiveProperties properties, MeterRegistry meters) {
        this.properties = properties;
        Gauge.builder("pipeline.notifier.live.clients", clients, Set::size)
                .description("Browsers following the live feed")
                .register(meters);
    }

    /** A connection for a new browser; 503 when NOTIFIER_LIVE_MAX_CLIENTS follow the feed already. */
    SseEmitter open() {
        if (clients.size() >= properties.maxClients()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the live feed has " + properties.maxClients() + " clients already (NOTIFIER_LIVE_MAX_CLIENTS)");
        }
        SseEmitter emitter = new SseEmitter(0L);
        LiveClient client = new LiveClient(emitter, properties.clientBuffer(), "live-client-" + connections.incrementAndGet(), clients::remove);
        clients.add(client);
        client.offer(SseEmitter.event().comment("connected").build());
        client.start();
        return emitter;
    }

    /** Whether any browser follows the feed, so that nobody encodes results for no one. */
    boolean hasClients() {
        return !clients.isEmpty();
    }

    void broadcast(String resultJson) {
        Set<ResponseBodyEmitter.DataWithMediaType> event = SseEmitter.event().name("result").data(resultJson).build();
        for (LiveClient client : clients) {
            if (!client.offer(event)) {
                log.atInfo().log("disconnected a live-feed client that fell {} results behind; it reconnects and reloads", properties.clientBuffer());
            }
        }
    }

    @Scheduled(fixedDelay = 15_000)
    void keepAlive() {
        Set<ResponseBodyEmitter.DataWithMediaType> keepAlive = SseEmitter.event().comment("keep-alive").build();
        clients.forEach(client -> client.offer(keepAlive));
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
