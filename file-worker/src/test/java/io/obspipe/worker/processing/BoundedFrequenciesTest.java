package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
    void tellsApartValuesThatShareTheirFirstBytesOrDifferOnlyInLengthOrTrailingZeroBytes() {
        String longPrefix = "x".repeat(300);
        List<String> values = List.of("", "\0", "\0\0", "a", "a\0", "a\0\0\0\0\0\0", "a\0\0\0\0\0\0\0",
                "a\0\0\0\0\0\0\0\0", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefgh12345X7812345678",
                "abcdefgh12345Y7812345678", "abcdefgh12345678X2345678abcdefgh", "abcdefgh12345678Y2345678abcdefgh",
                longPrefix, longPrefix + "x", longPrefix + "y", longPrefix + "xx");
        BoundedFrequencies frequencies = new BoundedFrequencies(100);

        for (int times = 1; times <= 3; times++) {
            for (String value : values) {
                add(frequencies, value);
            }
        }

        Map<String, Long> expected = new LinkedHashMap<>();
        values.forEach(value -> expected.put(value, 3L));
        assertThat(counts(frequencies)).isEqualTo(expected);
    }

    @Test
    void aLongKeyEqualsARangeOnlyIfEveryByteBetweenItsFirstAndLastEightIsEqual() {
        for (int length = 2 * Long.BYTES + 1; length <= 60; length++) {
            byte[] key = new byte[length];
            Arrays.fill(key, (byte) 'k');
            byte[] buffer = new byte[length + 6];
            Arrays.fill(buffer, (byte) 'k');
            assertThat(BoundedFrequencies.sameMiddle(key, buffer, 3, 3 + length)).as("length %d", length).isTrue();
            for (int differing = Long.BYTES; differing < length - Long.BYTES; differing++) {
                buffer[3 + differing] = 'x';
                assertThat(BoundedFrequencies.sameMiddle(key, buffer, 3, 3 + length)).as("length %d, byte %d", length, differing)
                        .isFalse();
                buffer[3 + differing] = 'k';
            }
        }
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
