package io.obspipe.model;

import java.util.Locale;

/** Human-readable sizes as the seed system printed them: one decimal, 1024-based units. */
public final class SizeFormat {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private SizeFormat() {
    }

    public static String format(long bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
