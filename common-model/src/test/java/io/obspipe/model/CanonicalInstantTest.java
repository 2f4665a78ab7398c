package io.obspipe.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalInstantTest {

    @Test
    void readsWhatInstantToStringWritesExactlyLikeInstantParse() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();

            assertThat(CanonicalInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(7);
        char[] text = new char[CanonicalInstant.MAX_LENGTH];
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                case 3 -> random.nextInt(1, 10) * 100_000_000 + random.nextInt(1, 10);
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            assertThat(new String(text, 0, CanonicalInstant.format(instant, text))).isEqualTo(instant.toString());
        }
        for (String edge : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.000000001Z", "2024-02-29T12:00:00.100Z", "2025-08-25T12:00:00.000100Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(new String(text, 0, CanonicalInstant.format(instant, text))).isEqualTo(instant.toString());
        }
    }

    @Test
    void leavesTheYearsOutsideFourDigitsToInstantToString() {
        char[] text = new char[CanonicalInstant.MAX_LENGTH];
        assertThat(CanonicalInstant.format(Instant.parse("-0001-12-31T23:59:59Z"), text)).isEqualTo(-1);
        assertThat(CanonicalInstant.format(Instant.parse("+10000-01-01T00:00:00Z"), text)).isEqualTo(-1);
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParser() {
        for (String other : new String[] {"2025-08-25T12:00:00+08:00", "2025-08-25T12:00:00.123456", "2025-08-25 12:00:00Z",
                "2025-02-30T12:00:00Z", "2025-08-25T24:00:00Z", "2016-12-31T23:59:60Z", "2025-08-25T12:00:00.Z",
                "2025-08-25T12:00:00.1234567890Z", "+12025-08-25T12:00:00Z", "2025-8-25T12:00:00Z", "2025-08-25T12:0a:00Z", ""}) {
            assertThat(CanonicalInstant.parse(other)).as(other).isNull();
        }
    }
}
