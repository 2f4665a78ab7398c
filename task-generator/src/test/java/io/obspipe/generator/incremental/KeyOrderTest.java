package io.obspipe.generator.incremental;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderTest {

    private static final char[] ALPHABET = {'a', 'z', '/', '-', '0', '~', 'é', '中', '\uE000', '\uFF01', '\uD83D', '\uDE00'};

    @Test
    void ordersKeysAsTheirUtf8BytesAsObsAndS3List() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            String a = randomKey(random);
            String b = randomKey(random);
            int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(KeyOrder.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
        }
    }

    @Test
    void aCharacterBeyondTheBasicPlaneSortsAfterPrivateUseCharacters() {
        assertThat(KeyOrder.compare("a/\uD83D\uDE00", "a/\uFF01")).isPositive();
        assertThat("a/\uD83D\uDE00".compareTo("a/\uFF01")).as("String order differs").isNegative();
    }

    @Test
    void rangesAreOpenBelowAndClosedAbove() {
        assertThat(KeyOrder.inRange("b", "a", "b")).isTrue();
        assertThat(KeyOrder.inRange("a", "a", "b")).isFalse();
        assertThat(KeyOrder.inRange("c", null, null)).isTrue();
    }

    /** Well-formed keys: surrogates only in pairs. */
    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            char c = ALPHABET[random.nextInt(ALPHABET.length - 1)];
            if (c == '\uD83D') {
                key.append("\uD83D\uDE00");
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }
}
