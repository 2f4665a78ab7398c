package io.obspipe.analysis.keypool;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KeyStrategyTest {

    record Key(String id, int index, int priority, int inFlight, long calls) implements KeyStrategy.Candidate {
    }

    @Test
    void leastLoadedPicksTheKeyWithFewestRequestsInFlight() {
        KeyStrategy.Selector selector = KeyStrategy.LEAST_LOADED.selector();
        List<Key> keys = List.of(new Key("a", 0, 1, 3, 10), new Key("b", 1, 1, 1, 50), new Key("c", 2, 1, 2, 0));

        assertThat(selector.pick(keys).id()).isEqualTo("b");
    }

    @Test
    void leastLoadedBreaksTiesByFewestCallsThenFileOrder() {
        KeyStrategy.Selector selector = KeyStrategy.LEAST_LOADED.selector();

        assertThat(selector.pick(List.of(new Key("a", 0, 1, 1, 9), new Key("b", 1, 1, 1, 4))).id()).isEqualTo("b");
        assertThat(selector.pick(List.of(new Key("a", 0, 1, 0, 4), new Key("b", 1, 1, 0, 4))).id()).isEqualTo("a");
    }

    @Test
    void roundRobinTakesEachKeyInTurnAndSkipsThoseThatCannotTakeARequest() {
        KeyStrategy.Selector selector = KeyStrategy.ROUND_ROBIN.selector();
        Key a = new Key("a", 0, 1, 0, 0);
        Key b = new Key("b", 1, 1, 0, 0);
        Key c = new Key("c", 2, 1, 0, 0);

        assertThat(List.of(selector.pick(List.of(a, b, c)).id(), selector.pick(List.of(a, b, c)).id(), selector.pick(List.of(a, c)).id(),
                selector.pick(List.of(a, b, c)).id())).containsExactly("a", "b", "c", "a");
    }

    @Test
    void weightedSharesFollowThePrioritiesWithinTenPercent() {
        KeyStrategy.Selector selector = KeyStrategy.WEIGHTED.selector();
        List<Key> keys = List.of(new Key("low", 0, 1, 0, 0), new Key("mid", 1, 2, 0, 0), new Key("high", 2, 5, 0, 0));
        Map<String, Integer> picks = new HashMap<>();
        int total = 8000;
        for (int i = 0; i < total; i++) {
            picks.merge(selector.pick(keys).id(), 1, Integer::sum);
        }

        assertThat(picks.get("low") / (double) total).isCloseTo(1 / 8.0, within(0.1 / 8));
        assertThat(picks.get("mid") / (double) total).isCloseTo(2 / 8.0, within(0.2 / 8));
        assertThat(picks.get("high") / (double) total).isCloseTo(5 / 8.0, within(0.5 / 8));
    }

    @Test
    void weightedSpreadsAHighPriorityKeysTurnsInsteadOfBurstingThem() {
        KeyStrategy.Selector selector = KeyStrategy.WEIGHTED.selector();
        List<Key> keys = List.of(new Key("a", 0, 3, 0, 0), new Key("b", 1, 1, 0, 0));

        List<String> firstFour = java.util.stream.IntStream.range(0, 4).mapToObj(i -> selector.pick(keys).id()).toList();

        assertThat(firstFour).containsExactlyInAnyOrder("a", "a", "a", "b").doesNotContainSequence("a", "a", "a", "a");
    }

    @Test
    void strategiesAreNamedAsInTheSeedsKeyFile() {
        assertThat(KeyStrategy.parse("least_loaded", "X")).isEqualTo(KeyStrategy.LEAST_LOADED);
        assertThat(KeyStrategy.parse("Round-Robin", "X")).isEqualTo(KeyStrategy.ROUND_ROBIN);
        assertThatThrownBy(() -> KeyStrategy.parse("fastest", "ANALYSIS_KEY_STRATEGY"))
                .isInstanceOf(PipelineConfigurationException.class)
                .hasMessage("ANALYSIS_KEY_STRATEGY is 'fastest', but it must be one of least_loaded, round_robin, weighted.");
    }
}
