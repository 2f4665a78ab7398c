package io.obspipe.localstack.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What reached the server with one API key, as the server saw it: the arrival time of each request (server clock,
 * nanoseconds), the 429 cool-down windows it announced, the answers by status and the most requests at once.
 */
public final class KeyTraffic {

    private final List<Long> arrivals = new ArrayList<>();
    private final List<long[]> coolDowns = new ArrayList<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<Integer, Long> firstAnswered = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    synchronized int arrived(long nanos) {
        arrivals.add(nanos);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return arrivals.size();
    }

    synchronized void coolingFrom(long nanos, Duration wait) {
        coolDowns.add(new long[] {nanos, nanos + wait.toNanos()});
    }

    void answered(int status, long nanos) {
        inFlight.decrementAndGet();
        firstAnswered.putIfAbsent(status, nanos);
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    public synchronized int requests() {
        return arrivals.size();
    }

    /** Requests answered with {@code status}. */
    public int withStatus(int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The most requests that arrived within any window of {@code length} (half-open, sliding over the arrivals). */
    public synchronized int maxInWindow(Duration length) {
        int max = 0;
        int start = 0;
        for (int end = 0; end < arrivals.size(); end++) {
            while (arrivals.get(end) - arrivals.get(start) >= length.toNanos()) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    /** Requests that arrived while a cool-down this server announced with a 429 was running. */
    public synchronized int arrivalsDuringCoolDown() {
        int count = 0;
        for (long arrival : arrivals) {
            for (long[] window : coolDowns) {
                if (arrival > window[0] && arrival < window[1]) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    /**
     * Requests that arrived more than {@code transit} after the first answer with {@code status} was written: sent
     * by a client that had had time to read that answer (0 when no answer had that status).
     */
    public synchronized int arrivalsAfterFirstAnswer(int status, Duration transit) {
        Long first = firstAnswered.get(status);
        if (first == null) {
            return 0;
        }
        return (int) arrivals.stream().filter(arrival -> arrival - first > transit.toNanos()).count();
    }

    /** How many cool-downs the server announced. */
    public synchronized int coolDowns() {
        return coolDowns.size();
    }
}
