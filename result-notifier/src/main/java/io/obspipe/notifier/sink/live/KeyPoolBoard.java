package io.obspipe.notifier.sink.live;

import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.KeyPoolStatus.KeyState;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The latest key pool snapshot of each analysis worker, merged into one {@link KeyPoolView}. A worker whose latest
 * snapshot is older than {@link #STALE_AFTER} (it stopped, or the snapshot was read from the topic's history) is
 * left out, so the pool shows the workers that run now.
 */
@Component
@ConditionalOnSinkEnabled("live")
public class KeyPoolBoard {

    static final Duration STALE_AFTER = Duration.ofMinutes(1);
    private static final List<String> STATES_WORST_FIRST = List.of("disabled", "cooling", "active");

    private final Clock clock;
    private final Map<String, Snapshot> byWorker = new TreeMap<>();

    public KeyPoolBoard(Clock clock) {
        this.clock = clock;
    }

    /** Keeps the snapshot as its worker's latest, unless the worker sent a newer one already. */
    synchronized void add(KeyPoolStatus status) {
        Instant taken = Objects.requireNonNullElse(status.timestamp(), clock.instant());
        String worker = Objects.requireNonNullElse(status.workerId(), "");
        Snapshot previous = byWorker.get(worker);
        if (previous == null || !taken.isBefore(previous.taken())) {
            byWorker.put(worker, new Snapshot(status, taken));
        }
    }

    /** The pool as of now; empty when no worker published lately. */
    public synchronized KeyPoolView view() {
        Instant oldest = clock.instant().minus(STALE_AFTER);
        byWorker.values().removeIf(snapshot -> snapshot.taken().isBefore(oldest));
        List<KeyPoolView.Worker> workers = new ArrayList<>();
        Map<String, List<KeyState>> keys = new LinkedHashMap<>();
        Instant updated = null;
        for (Snapshot snapshot : byWorker.values()) {
            KeyPoolStatus status = snapshot.status();
            workers.add(new KeyPoolView.Worker(status.workerId(), status.strategy(), status.inFlight(), status.maxConcurrent(), snapshot.taken()));
            status.keys().stream().filter(Objects::nonNull)
                    .forEach(key -> keys.computeIfAbsent(Objects.requireNonNullElse(key.keyId(), ""), id -> new ArrayList<>()).add(key));
            updated = updated == null || snapshot.taken().isAfter(updated) ? snapshot.taken() : updated;
        }
        List<KeyPoolView.Key> merged = keys.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> merge(entry.getKey(), entry.getValue()))
                .toList();
        return new KeyPoolView(updated, workers, merged);
    }

    private static KeyPoolView.Key merge(String keyId, List<KeyState> states) {
        String state = states.stream().map(KeyState::state).filter(Objects::nonNull)
                .min(Comparator.comparingInt(KeyPoolBoard::severity)).orElse(null);
        Integer priority = states.stream().map(KeyState::priority).filter(Objects::nonNull).max(Integer::compare).orElse(null);
        int inFlight = states.stream().mapToInt(key -> Objects.requireNonNullElse(key.inFlight(), 0)).sum();
        int requestsPerMinute = states.stream().mapToInt(key -> Objects.requireNonNullElse(key.requestsPerMinute(), 0)).sum();
        Instant coolingUntil = states.stream().map(KeyState::coolingUntil).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new KeyPoolView.Key(keyId, state, priority, inFlight, requestsPerMinute, coolingUntil, successRate(states), states.size());
    }

    /** Weighted by each worker's requests per minute; the plain mean when none of them sent requests lately. */
    private static Double successRate(List<KeyState> states) {
        double weighted = 0;
        long weights = 0;
        double sum = 0;
        int rated = 0;
        for (KeyState key : states) {
            if (key.successRate() != null) {
                int weight = Objects.requireNonNullElse(key.requestsPerMinute(), 0);
                weighted += key.successRate() * weight;
                weights += weight;
                sum += key.successRate();
                rated++;
            }
        }
        if (rated == 0) {
            return null;
        }
        return weights > 0 ? weighted / weights : sum / rated;
    }

    private static int severity(String state) {
        int index = STATES_WORST_FIRST.indexOf(state);
        return index < 0 ? STATES_WORST_FIRST.size() : index;
    }

    private record Snapshot(KeyPoolStatus status, Instant taken) {
    }
}
