package io.obspipe.notifier.sink.live;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveClientTest {

    @Test
    void aBrowserThatStopsReadingIsDisconnectedOnceItsBufferIsFullInsteadOfHoldingUpTheFeed() {
        StalledEmitter stalled = new StalledEmitter();
        AtomicBoolean removed = new AtomicBoolean();
        LiveClient client = new LiveClient(new ServerSentEventConnection(stalled), 2, "live-client-test", closed -> removed.set(true));
        client.start();

        assertThat(client.offer(LiveEvent.of("result", "1"))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> stalled.sending.getCount() == 0);
        assertThat(client.offer(LiveEvent.of("result", "2"))).isTrue();
        assertThat(client.offer(LiveEvent.of("result", "3"))).isTrue();

        assertThat(client.offer(LiveEvent.of("result", "4"))).as("returns at once, without waiting for the browser").isFalse();
        assertThat(removed).isTrue();
        await("the connection is ended").atMost(Duration.ofSeconds(5)).until(() -> stalled.completed);
    }

    @Test
    void eventsReachTheBrowserInOrder() {
        RecordingEmitter browser = new RecordingEmitter();
        LiveClient client = new LiveClient(new ServerSentEventConnection(browser), 10, "live-client-test", closed -> { });
        client.start();

        client.offer(LiveEvent.comment("connected"));
        List.of("a", "b", "c").forEach(data -> client.offer(LiveEvent.of("result", data)));
        client.offer(LiveEvent.of("analysis", "{\"d\":1}"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(browser.text()).isEqualTo(
                ":connected\n\nevent:result\ndata:a\n\nevent:result\ndata:b\n\nevent:result\ndata:c\n\nevent:analysis\ndata:{\"d\":1}\n\n"));
        client.close();
    }

    /** A connection whose browser reads the first event and then nothing. */
    private static final class StalledEmitter extends SseEmitter {

        final CountDownLatch sending = new CountDownLatch(1);
        volatile boolean completed;

        @Override
        public void send(Set<DataWithMediaType> event) throws IOException {
            sending.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new IOException("closed");
            }
        }

        @Override
        public synchronized void complete() {
            completed = true;
        }
    }

    private static final class RecordingEmitter extends SseEmitter {

        private final StringBuffer sent = new StringBuffer();

        @Override
        public void send(Set<DataWithMediaType> items) {
            items.forEach(item -> sent.append(item.getData()));
        }

        String text() {
            return sent.toString();
        }
    }
}
