package io.obspipe.notifier.sink.live;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One browser following the feed: events wait in a bounded queue that a thread of its own writes
 * to the connection, so a slow or stalled browser delays only itself. A full queue or a failed write
 * ends the connection.
 */
final class LiveClient {

    private final SseEmitter emitter;
    private final BlockingQueue<SseEventBuilder> queue;
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

    /** Queues an event; false when the client is too far behind and was disconnected. */
    boolean offer(SseEventBuilder event) {
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
        try {
            while (!closed.get()) {
                emitter.send(queue.take());
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
