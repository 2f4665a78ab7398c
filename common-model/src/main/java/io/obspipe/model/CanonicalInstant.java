package io.obspipe.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one form of instant that {@link Instant#toString()} writes, and so every message of this
 * pipeline carries ({@code 2025-08-25T12:00:00Z}, {@code 2025-08-25T12:00:00.123456Z}), several times
 * faster than the general ISO parser; any other form is left to that parser. Writes that form too, the same
 * characters as {@link Instant#toString()}, without the general ISO formatter.
 */
final class CanonicalInstant {

    /** The most chars {@link #format} writes. */
    static final int MAX_LENGTH = 30;
    private static final long MIN_EPOCH_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long MAX_EPOCH_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private CanonicalInstant() {
    }

    /** The instant, or null when the text is not exactly in the canonical form. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fractionDigits = length > 20 ? length - 21 : 0;
        int fraction = fractionDigits > 0 ? digits(text, 20, fractionDigits) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                    (long) fraction * NANOS_PER_DIGIT[fractionDigits]);
        } catch (DateTimeException notADate) {
            return null;
        }
    }

    /**
     * Writes the instant as {@link Instant#toString()} does into {@code text} (at least {@value #MAX_LENGTH} chars) and
     * returns the length, or -1 for a year outside 0000–9999, which that form writes otherwise.
     */
    static int format(Instant instant, char[] text) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
            return -1;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        int length = 19;
        if (nanos > 0) {
            text[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(text, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1_000 == 0) {
                put(text, length, nanos / 1_000, 6);
                length += 6;
            } else {
                put(text, length, nanos, 9);
                length += 9;
            }
        }
        text[length++] = 'Z';
        return length;
    }

    /** Writes {@code value} as {@code count} decimal digits, with leading zeros, from {@code at}. */
    private static void put(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The number written by {@code count} decimal digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
