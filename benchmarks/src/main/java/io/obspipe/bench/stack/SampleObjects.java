package io.obspipe.bench.stack;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Objects for the scenarios, written straight into S3Proxy's bucket folder (its filesystem backend
 * serves each file as an object). Content is deterministic, so every run processes the same bytes.
 */
public final class SampleObjects {

    private static final String HEADER = "order_id,customer,region,product,quantity,unit_price,ordered_at\n";
    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    private static final String[] PRODUCTS = {"widget", "gadget", "sprocket", "gizmo", "doohickey", "flange", "bracket"};

    private SampleObjects() {
    }

    /** {@code count} CSV objects of about 2 KB each ({@code <prefix>file-000001.csv} ...); returns their keys. */
    public static List<String> writeSmallCsvs(Path bucketDir, String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        StringBuilder content = new StringBuilder(2400);
        for (int i = 0; i < count; i++) {
            String key = prefix + String.format(Locale.ROOT, "file-%06d.csv", i);
            content.setLength(0);
            content.append(HEADER);
            long row = (long) i * 100;
            while (content.length() < 2000) {
                appendRow(content, row++);
            }
            write(bucketDir.resolve(key), content.toString().getBytes(StandardCharsets.UTF_8));
            keys.add(key);
        }
        return keys;
    }

    /** {@code count} objects of one CSV line each, for listing: what matters there is the number of keys. */
    public static void writeTinyObjects(Path bucketDir, String prefix, int count) {
        byte[] content = (HEADER + "1,c,north,widget,1,1.00,2026-01-01\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            write(bucketDir.resolve(prefix + String.format(Locale.ROOT, "part-%03d/obj-%07d.csv", i / 10_000, i)), content);
        }
    }

    /** A CSV of at least {@code bytes}, generated row by row into the file: never held in memory. */
    public static long writeLargeCsv(Path file, long bytes) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
                out.write(header);
                long written = header.length;
                StringBuilder rows = new StringBuilder(1 << 16);
                long row = 0;
                while (written < bytes) {
                    rows.setLength(0);
                    while (rows.length() < 60_000) {
                        appendRow(rows, row++);
                    }
                    byte[] chunk = rows.toString().getBytes(StandardCharsets.US_ASCII);
                    out.write(chunk);
                    written += chunk.length;
                }
                return written;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void appendRow(StringBuilder out, long row) {
        long mix = row * 0x9E3779B97F4A7C15L;
        out.append(row).append(',')
                .append("customer-").append(Math.floorMod(mix >>> 7, 5000)).append(',')
                .append(REGIONS[Math.floorMod(mix >>> 17, REGIONS.length)]).append(',')
                .append(PRODUCTS[Math.floorMod(mix >>> 23, PRODUCTS.length)]).append(',')
                .append(1 + Math.floorMod(mix >>> 31, 20)).append(',')
                .append(Math.floorMod(mix >>> 37, 100)).append('.').append(Math.floorMod(mix >>> 45, 90) + 10).append(',')
                .append("2026-").append(10 + Math.floorMod(mix >>> 51, 3)).append('-').append(10 + Math.floorMod(mix >>> 55, 18))
                .append('\n');
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
