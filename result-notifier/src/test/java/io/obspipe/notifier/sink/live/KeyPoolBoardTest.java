package io.obspipe.notifier.sink.live;

import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.KeyPoolStatus.KeyState;
import io.obspipe.notifier.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KeyPoolBoardTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final KeyPoolBoard board = new KeyPoolBoard(clock);

    @Test
    void mergesEachKeyOverTheWorkersThatUseItFromTheirLatestSnapshots() {
        Instant cooling = NOW.plusSeconds(20);
        board.add(snapshot("worker-a", NOW.minusSeconds(10), new KeyState("key-1", "active", 1, 9, 99, null, 0.5)));
        board.add(snapshot("worker-a", NOW.minusSeconds(2),
                new KeyState("key-1", "active", 1, 3, 30, null, 1.0), new KeyState("key-2", "cooling", 2, 0, 6, cooling, 0.5)));
        board.add(snapshot("worker-b", NOW.minusSeconds(3),
                new KeyState("key-1", "cooling", 1, 2, 10, cooling.minusSeconds(5), 0.6), new KeyState("key-3", "disabled", 1, 0, 0, null, null)));
        board.add(snapshot("worker-a", NOW.minusSeconds(5), new KeyState("key-1", "disabled", 1, 0, 0, null, 0.0)));

        KeyPoolView view = board.view();

        assertThat(view.updatedAt()).isEqualTo(NOW.minusSeconds(2));
        assertThat(view.workers()).extracting(KeyPoolView.Worker::workerId).containsExactly("worker-a", "worker-b");
        assertThat(view.keys()).extracting(KeyPoolView.Key::keyId).containsExactly("key-1", "key-2", "key-3");
        KeyPoolView.Key shared = view.keys().get(0);
        assertThat(shared.state()).as("the worst state, from the latest snapshots only").isEqualTo("cooling");
        assertThat(shared.inFlight()).isEqualTo(5);
        assertThat(shared.requestsPerMinute()).isEqualTo(40);
        assertThat(shared.coolingUntil()).isEqualTo(cooling.minusSeconds(5));
        assertThat(shared.successRate()).as("weighted by requests per minute").isCloseTo((1.0 * 30 + 0.6 * 10) / 40, within(1e-9));
        assertThat(shared.workers()).isEqualTo(2);
        assertThat(view.keys().get(2).state()).isEqualTo("disabled");
        assertThat(view.keys().get(2).successRate()).isNull();
    }

    @Test
    void aWorkerThatStoppedPublishingIsLeftOut() {
        board.add(snapshot("gone", NOW.minus(KeyPoolBoard.STALE_AFTER).minusSeconds(1), new KeyState("key-1", "active", 1, 0, 0, null, 1.0)));
        board.add(snapshot("running", NOW, new KeyState("key-2", "active", 1, 0, 0, null, 1.0)));
        assertThat(board.view().workers()).extracting(KeyPoolView.Worker::workerId).containsExactly("running");

        clock.advance(KeyPoolBoard.STALE_AFTER.plus(Duration.ofSeconds(1)));

        assertThat(board.view().workers()).isEmpty();
        assertThat(board.view().keys()).isEmpty();
    }

    private static KeyPoolStatus snapshot(String worker, Instant at, KeyState... keys) {
        return new KeyPoolStatus(at, worker, "least_loaded", 0, 50, List.of(keys));
    }
}
