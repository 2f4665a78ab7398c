package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The value table counts byte ranges as a map of strings would, whether a value lies inside a larger
 * buffer, at its very end or in an array of its own (as in a merge).
 */
class BoundedFrequenciesTest {

    @Test
    void countsValuesOfEveryLengthWhereverTheyLie() {
        Random random = new Random(14);
        Map<String, Long> expected = new LinkedHashMap<>();
        BoundedFrequencies inBuffers = new BoundedFrequencies(100_000);
        BoundedFrequencies atEnds = new BoundedFrequencies(100_000);
        for (int i = 0; i < 20_000; i++) {
            String value = "ab,é".repeat(random.nextInt(3)) + Integer.toString(random.nextInt(500), 3 + random.nextInt(20));
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int before = random.nextInt(9);
            byte[] buffer = new byte[before + bytes.length + 16];
            random.nextBytes(buffer);
            System.arraycopy(bytes, 0, buffer, before, bytes.length);
            inBuffers.add(buffer, before, before + bytes.length);
            atEnds.add(bytes, 0, bytes.length);
            expected.merge(value, 1L, Long::sum);
        }

        assertThat(counts(inBuffers)).isEqualTo(expected);
        assertThat(counts(atEnds)).isEqualTo(expected);
        BoundedFrequencies merged = new BoundedFrequencies(100_000);
        merged.merge(inBuffers);
        merged.merge(atEnds);
        Map<String, Long> doubled = new LinkedHashMap<>();
        expected.forEach((value, count) -> doubled.put(value, 2 * count));
        assertThat(counts(merged)).isEqualTo(doubled);
    }

    @Test
    void numbersEntriesInFirstSeenOrderAndTracksNoneBeyondTheBound() {
        BoundedFrequencies frequencies = new BoundedFrequencies(2);

        assertThat(add(frequencies, "north")).isEqualTo(0);
        assertThat(add(frequencies, "south")).isEqualTo(1);
        assertThat(add(frequencies, "north")).isEqualTo(0);
        assertThat(add(frequencies, "east")).isEqualTo(BoundedFrequencies.NOT_TRACKED);
        assertThat(add(frequencies, "south")).isEqualTo(1);

        assertThat(frequencies.distinct()).isEqualTo(2);
        assertThat(new String(frequencies.value(1), StandardCharsets.UTF_8)).isEqualTo("south");
        assertThat(frequencies.count(0)).isEqualTo(2);
        assertThat(frequencies.capped()).isTrue();
    }

    @Test
    void estimatesTheDistinctValuesAsTheTrackedOnesPlusTheSketchOfTheOthers() {
        BoundedFrequencies frequencies = new BoundedFrequencies(1_000);
        for (int i = 0; i < 1_200; i++) {
            add(frequencies, "value-" + i);
            add(frequencies, "value-" + i / 2);
        }

        assertThat(frequencies.capped()).isTrue();
        assertThat(frequencies.estimate()).isEqualTo(new BoundedFrequencies.DistinctEstimate(1_200, 1_200, 1_200));
    }

    @Test
    void aMergeOfPartsPastTheBoundCountsAValueSeenInBothOnce() {
        BoundedFrequencies first = new BoundedFrequencies(100);
        BoundedFrequencies second = new BoundedFrequencies(100);
        for (int i = 0; i < 300; i++) {
            add(first, "value-" + i);
        }
        for (int i = 300; i < 500; i++) {
            add(second, "value-" + i);
        }
        for (int i = 0; i < 100; i++) {
            add(second, "value-" + i); // past the second part's bound, and tracked by the first
        }

        first.merge(second);

        assertThat(first.distinct()).isEqualTo(100);
        BoundedFrequencies.DistinctEstimate estimate = first.estimate();
        assertThat(estimate.lowerBound()).isLessThanOrEqualTo(500);
        assertThat(estimate.upperBound()).isGreaterThanOrEqualTo(500);
        BoundedFrequencies none = new BoundedFrequencies(100);
        none.merge(first);
        assertThat(none.estimate()).isEqualTo(estimate);
    }

    private static int add(BoundedFrequencies frequencies, String value) {
        byte[] bytes = ("," + value + ",").getBytes(StandardCharsets.UTF_8);
        return frequencies.add(bytes, 1, bytes.length - 1);
    }

    private static Map<String, Long> counts(BoundedFrequencies frequencies) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int entry = 0; entry < frequencies.distinct(); entry++) {
            counts.put(new String(frequencies.value(entry), StandardCharsets.UTF_8), frequencies.count(entry));
        }
        return counts;
    }
}
