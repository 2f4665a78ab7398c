package io.obspipe.notifier.sink.live;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One browser following the feed: events wait in a bounded queue that a thread of its own writes
 * to the connection, so a slow or stalled browser delays only itself. A full queue or a failed write
 * ends the connection. The thread writes what has queued up in one go, as one piece of text with one flush,
 * so a busy feed costs a write per batch rather than per event and per part of an event; before a write it lets
 * events gather for {@value #GATHER_MILLIS} ms while the queue is less than half full, so that a feed the thread
 * keeps up with is not written one event at a time either.
 */
final class LiveClient {

    private static final int MAX_EVENTS_PER_WRITE = 1024;
    private static final long GATHER_MILLIS = 2;
    /** As {@link SseEmitter} writes the text of its events. */
    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final SseEmitter emitter;

    private final BlockingQueue<Set<DataWithMediaType>> queue;
    private final int buffer;
    private final Thread sender;
    private final Consumer<LiveClient> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    LiveClient(SseEmitter emitter, int buffer, String threadName, Consumer<LiveClient> onClose) {
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.buffer = buffer;
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
     * an event changes the builder) with text data only; false when the client is too far behind and was disconnected.
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
                if (queue.size() < buffer / 2) {
                    Thread.sleep(GATHER_MILLIS);
                }
                queue.drainTo(events, MAX_EVENTS_PER_WRITE - 1);
                emitter.send(Set.of(new DataWithMediaType(text(events), TEXT)));
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

    /** The events' text in a row, exactly as the emitter would write them one part after the other. */
    private static String text(List<Set<DataWithMediaType>> events) {
        int length = 0;
        for (Set<DataWithMediaType> event : events) {
            for (DataWithMediaType part : event) {
                length += ((String) part.getData()).length();
            }
        }
        StringBuilder text = new StringBuilder(length);
        for (Set<DataWithMediaType> event : events) {
            for (DataWithMediaType part : event) {
                text.append((String) part.getData());
            }
        }
        return text.toString();
    }
}
