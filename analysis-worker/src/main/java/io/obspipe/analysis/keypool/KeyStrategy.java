package io.obspipe.analysis.keypool;

import io.obspipe.platform.config.PipelineConfigurationException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the pool picks a key among those that are not cooling down and have quota (ANALYSIS_KEY_STRATEGY). */
public enum KeyStrategy {

    /** The key with the fewest requests in flight; ties go to the one used least, then to the file's order. */
    LEAST_LOADED {
        @Override
        Selector selector() {
            return new Selector() {
                @Override
                public <C extends Candidate> C pick(List<C> candidates) {
                    return candidates.stream().min(Comparator.<C>comparingInt(Candidate::inFlight)
                            .thenComparingLong(Candidate::calls).thenComparingInt(Candidate::index)).orElseThrow();
                }
            };
        }
    },
    /** Each key in the file's order in turn, skipping keys that cannot take a request now. */
    ROUND_ROBIN {
        @Override
        Selector selector() {
            return new Selector() {
                private int next;

                @Override
                public <C extends Candidate> C pick(List<C> candidates) {
                    C picked = candidates.stream().filter(c -> c.index() >= next).findFirst().orElse(candidates.get(0));
                    next = picked.index() + 1;
                    return picked;
                }
            };
        }
    },
    /**
     * Shares in proportion to {@code priority} (a key of priority 3 gets three times the requests of one of priority 1),
     * spread evenly: smooth weighted round robin over the keys that can take a request now.
     */
    WEIGHTED {
        @Override
        Selector selector() {
            return new Selector() {
                private final Map<String, Long> current = new HashMap<>();

                @Override
                public <C extends Candidate> C pick(List<C> candidates) {
                    long total = 0;
                    C best = null;
                    for (C candidate : candidates) {
                        total += candidate.priority();
                        long weight = current.merge(candidate.id(), (long) candidate.priority(), Long::sum);
                        if (best == null || weight > current.get(best.id())) {
                            best = candidate;
                        }
                    }
                    current.merge(best.id(), -total, Long::sum);
                    return best;
                }
            };
        }
    };

    /** A key as a strategy sees it. */
    interface Candidate {
        String id();

        /** Position in the key file. */
        int index();

        int priority();

        int inFlight();

        /** Requests made with the key so far. */
        long calls();
    }

    /** Picks one of a non-empty list of candidates; may keep state between picks (called under the pool's lock). */
    interface Selector {
        <C extends Candidate> C pick(List<C> candidates);
    }

    abstract Selector selector();

    /** The wire name, e.g. {@code least_loaded}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses least_loaded, round_robin or weighted (dashes and case ignored), naming {@code source} when it is none. */
    public static KeyStrategy parse(String value, String source) {
        String normalised = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(strategy -> strategy.name().equals(normalised)).findFirst()
                .orElseThrow(() -> new PipelineConfigurationException(source + " is '" + value + "', but it must be one of "
                        + Arrays.stream(values()).map(KeyStrategy::wireName).collect(Collectors.joining(", ")) + "."));
    }
}
