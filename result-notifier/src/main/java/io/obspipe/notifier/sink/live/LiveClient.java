package io.obspipe.notifier.sink.live;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One browser following the feed: events wait in a bounded queue that a thread of its own writes
 * to the connection, so a slow or stalled browser delays only itself. A full queue or a failed write
 * ends the connection. The thread writes what has queued up in one go, with one flush, so a busy feed
 * costs a write per batch rather than per event.
 */
final class LiveClient {

    private final SseEmitter emitter;
    private static final int MAX_EVENTS_PER_WRITE = 256;

    private final BlockingQueue<Set<DataWithMediaType>> queue;
    private final Thread sender;
    private final Consumer<LiveClient> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    LiveClient(SseEmitter emitter, int buffer, String threadName, Consumer<LiveClient> onClose) {
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.onClose = onClose;
        this.sender = new Thread(this::sendQueued, threadName);
        this.sender.setDaemon(true);
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    void start() {
        sender.start();
    }

    /**
     * Queues an event, as built by {@link SseEmitter.SseEventBuilder#build()} (once for all clients: building
     * an event changes the builder); false when the client is too far behind and was disconnected.
     */
    boolean offer(Set<DataWithMediaType> event) {
        if (queue.offer(event)) {
            return true;
        }
        close();
        return false;
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sender.interrupt();
        emitter.complete();
        onClose.accept(this);
    }

    private void sendQueued() {
        List<Set<DataWithMediaType>> events = new ArrayList<>();
        try {
            while (!closed.get()) {
                events.add(queue.take());
                queue.drainTo(events, MAX_EVENTS_PER_WRITE - 1);
                Set<DataWithMediaType> batch = new LinkedHashSet<>();
                events.forEach(batch::addAll);
                emitter.send(batch);
                events.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // the browser went away
        } finally {
            close();
        }
    }
}
