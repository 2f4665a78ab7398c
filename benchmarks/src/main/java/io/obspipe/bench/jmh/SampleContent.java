package io.obspipe.bench.jmh;

import java.util.Locale;

/** Deterministic content of about a given size in each format the worker handles. */
public final class SampleContent {

    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};

    private SampleContent() {
    }

    public static String of(String format, int size) {
        StringBuilder out = new StringBuilder(size + 256);
        switch (format) {
            case "csv" -> {
                out.append("order_id,customer,region,quantity,unit_price,note\n");
                for (int i = 0; out.length() < size; i++) {
                    out.append(i).append(",customer-").append(i % 5000).append(',').append(REGIONS[i % 5]).append(',')
                            .append(1 + i % 20).append(',').append(String.format(Locale.ROOT, "%.2f", (i % 1000) / 10.0))
                            .append(",\"a note, with a comma\"\n");
                }
            }
            case "json" -> {
                out.append('[');
                for (int i = 0; out.length() < size; i++) {
                    out.append(i == 0 ? "" : ",").append(record(i));
                }
                out.append(']');
            }
            case "ndjson" -> {
                for (int i = 0; out.length() < size; i++) {
                    out.append(record(i)).append('\n');
                }
            }
            case "text" -> {
                for (int i = 0; out.length() < size; i++) {
                    out.append("2026-11-25T10:00:").append(String.format(Locale.ROOT, "%02d", i % 60))
                            .append(i % 17 == 0 ? " ERROR " : " INFO ").append("request ").append(i)
                            .append(" served from ").append(REGIONS[i % 5]).append(" in ").append(i % 300).append(" ms\n");
                }
            }
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
        return out.toString();
    }

    private static String record(int i) {
        return "{\"id\":" + i + ",\"customer\":\"customer-" + (i % 5000) + "\",\"region\":\"" + REGIONS[i % 5]
                + "\",\"quantity\":" + (1 + i % 20) + ",\"paid\":" + (i % 3 == 0) + ",\"tags\":[\"a\",\"b\"],\"price\":"
                + (i % 1000) / 10.0 + "}";
    }
}
