package io.obspipe.notifier.sink.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client following the feed, over server-sent events or a WebSocket: events wait in a bounded queue that a
 * thread of its own writes to the connection, so a slow or stalled client delays only itself. A full queue or a
 * failed write ends the connection. The thread writes what has queued up in one go, so a busy feed costs a write per
 * batch rather than per event (over server-sent events); before a write it lets events gather for
 * {@value #GATHER_MILLIS} ms while the queue is less than half full, so that a feed the thread keeps up with is not
 * written one event at a time either. Only the sender thread touches the connection, so ending a stalled one never
 * blocks the thread that offers events.
 */
final class LiveClient {

    private static final int MAX_EVENTS_PER_WRITE = 1024;
    private static final long GATHER_MILLIS = 2;

    private final LiveConnection connection;
    private final BlockingQueue<LiveEvent> queue;
    private final int buffer;
    private final Thread sender;
    private final Consumer<LiveClient> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    LiveClient(LiveConnection connection, int buffer, String threadName, Consumer<LiveClient> onClose) {
        this.connection = connection;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.buffer = buffer;
        this.onClose = onClose;
        this.sender = new Thread(this::sendQueued, threadName);
        this.sender.setDaemon(true);
    }

    void start() {
        sender.start();
    }

    /** Queues an event; false when the client is too far behind and was disconnected. */
    boolean offer(LiveEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        close();
        return false;
    }

    /** Stops following the feed; the sender thread ends the connection. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sender.interrupt();
        onClose.accept(this);
    }

    private void sendQueued() {
        List<LiveEvent> events = new ArrayList<>();
        try {
            while (!closed.get()) {
                events.add(queue.take());
                if (queue.size() < buffer / 2) {
                    Thread.sleep(GATHER_MILLIS);
                }
                queue.drainTo(events, MAX_EVENTS_PER_WRITE - 1);
                connection.send(events);
                events.clear();
            }
        } catch (InterruptedException e) {
            // closed while waiting for events
        } catch (IOException | IllegalStateException e) {
            // the client went away
        } finally {
            close();
            // the thread ends here: clear a pending interrupt so that a WebSocket can still say goodbye with its close frame
            Thread.interrupted();
            connection.close();
        }
    }
}
