package io.obspipe.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * The sample files of a local run: a few KB each of every format the worker handles (CSV, TSV, JSON
 * array and object, NDJSON as .ndjson and .jsonl, text, a log, a gzipped CSV) plus two that must fail
 * (an unsupported .pdf and a .json that is not valid JSON). The content is the same on every run.
 */
public final class SampleFiles {

    /** The key prefix (folder) the samples live under in the source bucket. */
    public static final String PREFIX = "samples/";

    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final String[] PRODUCTS = {"laptop", "monitor", "keyboard", "mouse", "headset", "dock"};
    private static final String[] DEPARTMENTS = {"engineering", "sales", "support", "finance"};
    private static final String[] NAMES = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra",
            "Barbara Liskov", "Donald Knuth", "Margaret Hamilton", "Ken Thompson", "Frances Allen", "John McCarthy"};
    private static final String[] CITIES = {"Berlin", "Shenzhen", "Lisbon", "Toronto", "Nairobi", "Osaka"};

    private SampleFiles() {
    }

    /** Writes the samples under {@code bucketDir/samples/}, leaving any file that is already there alone. */
    public static Seeding writeMissing(Path bucketDir) {
        List<String> written = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        try {
            Files.createDirectories(bucketDir.resolve(PREFIX));
            for (Map.Entry<String, byte[]> sample : all().entrySet()) {
                String key = PREFIX + sample.getKey();
                try {
                    Files.write(bucketDir.resolve(key), sample.getValue(), StandardOpenOption.CREATE_NEW);
                    written.add(key);
                } catch (FileAlreadyExistsException e) {
                    kept.add(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample files into " + bucketDir, e);
        }
        return new Seeding(written, kept);
    }

    /** What {@link #writeMissing} did: keys written, and keys left alone because a file was already there. */
    public record Seeding(List<String> written, List<String> kept) {
    }

    /** File name to content, in a stable order. */
    static Map<String, byte[]> all() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("sales.csv", utf8(salesCsv(60, new Random(1))));
        files.put("employees.csv", utf8(employeesCsv()));
        files.put("inventory.tsv", utf8(inventoryTsv()));
        files.put("customers.json", utf8(customersJsonArray()));
        files.put("settings.json", utf8(settingsJsonObject()));
        files.put("events.ndjson", utf8(eventsNdjson()));
        files.put("metrics.jsonl", utf8(metricsJsonl()));
        files.put("notes.txt", utf8(notesText()));
        files.put("app.log", utf8(appLog()));
        files.put("sales-archive.csv.gz", gzip(utf8(salesCsv(250, new Random(2)))));
        files.put("report.pdf", utf8("%PDF-1.4\n% a PDF is not a format the worker handles\n" + "0".repeat(1500) + "\n%%EOF\n"));
        files.put("broken.json", utf8("{\"id\": 7, \"name\": \"truncated upload\", \"items\": [1, 2, 3,\n  {\"sku\": \"A-1\", \"qty\": "));
        return files;
    }

    private static String salesCsv(int rows, Random random) {
        return "order_id,date,region,product,quantity,unit_price,total\n" + lines(rows, i -> {
            int quantity = 1 + random.nextInt(20);
            double price = 5 + random.nextInt(150_000) / 100.0;
            return String.format(Locale.ROOT, "%d,2025-%02d-%02d,%s,%s,%d,%.2f,%.2f", 10_000 + i, 1 + i % 12, 1 + i % 28,
                    REGIONS[random.nextInt(REGIONS.length)], PRODUCTS[random.nextInt(PRODUCTS.length)], quantity, price, quantity * price);
        });
    }

    private static String employeesCsv() {
        Random random = new Random(3);
        // a quoted field with a comma and one with an embedded quote, as real exports have them
        return "id,name,department,title,salary,start_date,active\n" + lines(40, i -> String.format(Locale.ROOT,
                "%d,%s,%s,%s,%d,20%02d-%02d-01,%b", i + 1, NAMES[i % NAMES.length], DEPARTMENTS[random.nextInt(DEPARTMENTS.length)],
                i % 7 == 0 ? "\"Lead, Platform\"" : i % 11 == 0 ? "\"The \"\"Fixer\"\"\"" : "Engineer " + (1 + i % 3),
                40_000 + random.nextInt(80_000), 10 + i % 15, 1 + i % 12, random.nextInt(10) > 1));
    }

    private static String inventoryTsv() {
        Random random = new Random(4);
        return "sku\twarehouse\titem\tin_stock\treorder_level\tunit_cost\n" + lines(60, i -> String.format(Locale.ROOT,
                "SKU-%04d\t%s\t%s %s\t%d\t%d\t%.2f", 100 + i, CITIES[i % CITIES.length], PRODUCTS[i % PRODUCTS.length],
                "v" + (1 + i % 4), random.nextInt(500), 20 + random.nextInt(30), 2 + random.nextInt(40_000) / 100.0));
    }

    private static String customersJsonArray() {
        Random random = new Random(5);
        return "[\n" + IntStream.range(0, 25).mapToObj(i -> String.format(Locale.ROOT,
                "  {\"id\": %d, \"name\": \"%s\", \"email\": \"customer%d@example.com\", \"city\": \"%s\", "
                        + "\"vip\": %b, \"lifetime_value\": %.2f, \"tags\": [\"%s\", \"%s\"]}",
                i + 1, NAMES[i % NAMES.length], i + 1, CITIES[i % CITIES.length], random.nextInt(5) == 0,
                random.nextInt(1_000_000) / 100.0, REGIONS[i % REGIONS.length], PRODUCTS[random.nextInt(PRODUCTS.length)]))
                .collect(Collectors.joining(",\n")) + "\n]\n";
    }

    private static String settingsJsonObject() {
        String endpoints = IntStream.range(0, 20).mapToObj(i -> String.format(Locale.ROOT,
                "      {\"name\": \"service-%02d\", \"url\": \"http://127.0.0.1:%d/health\", \"timeout_ms\": %d, \"retries\": %d}",
                i, 9000 + i, 250 * (1 + i % 4), i % 3)).collect(Collectors.joining(",\n"));
        return "{\n  \"version\": 3,\n  \"environment\": \"local\",\n  \"features\": {\"compression\": true, \"dedupe\": false, \"max_batch\": 500},\n"
                + "  \"monitoring\": {\n    \"interval_seconds\": 15,\n    \"endpoints\": [\n" + endpoints + "\n    ]\n  },\n"
                + "  \"owners\": [\"data-platform\", \"sre\"]\n}\n";
    }

    private static String eventsNdjson() {
        Random random = new Random(6);
        String[] types = {"page_view", "add_to_cart", "checkout", "login", "logout"};
        return lines(40, i -> String.format(Locale.ROOT,
                "{\"event_id\": \"evt-%05d\", \"type\": \"%s\", \"user_id\": %d, \"ts\": \"2025-03-%02dT%02d:%02d:00Z\", \"duration_ms\": %d}",
                i, types[random.nextInt(types.length)], 1 + random.nextInt(200), 1 + i % 28, i % 24, i % 60, random.nextInt(5000)));
    }

    private static String metricsJsonl() {
        Random random = new Random(7);
        return lines(48, i -> String.format(Locale.ROOT,
                "{\"host\": \"node-%d\", \"metric\": \"%s\", \"value\": %.3f, \"minute\": %d}",
                1 + i % 4, i % 2 == 0 ? "cpu_load" : "heap_used_mb", i % 2 == 0 ? random.nextDouble() * 4 : 200 + random.nextInt(600), i));
    }

    private static String notesText() {
        String[] paragraphs = {
                "Meeting notes: the nightly import moves files from the landing bucket to the processed bucket.",
                "Every file becomes one task on Kafka; a pool of workers downloads it, parses it and uploads a JSON summary.",
                "Failures are reported as result events with an error code, so the dashboard can show what went wrong.",
                "Open questions: how long to keep processed files, and whether to compress the summaries.",
        };
        return lines(24, i -> (i + 1) + ". " + paragraphs[i % paragraphs.length]);
    }

    private static String appLog() {
        Random random = new Random(8);
        String[] infos = {"request served path=/orders status=200", "cache refreshed entries=512", "job finished name=nightly-import"};
        String[] warns = {"slow query took 1840 ms", "retrying upload attempt=2", "disk usage at 81%"};
        String[] errors = {"upload failed: connection reset by peer", "cannot parse record 17: unexpected end of input"};
        return lines(70, i -> {
            int roll = random.nextInt(10);
            String level = roll < 7 ? "INFO" : roll < 9 ? "WARN" : "ERROR";
            String[] messages = level.equals("INFO") ? infos : level.equals("WARN") ? warns : errors;
            return String.format(Locale.ROOT, "2025-04-02 10:%02d:%02d.%03d %-5s [worker-%d] %s",
                    i / 2, (i * 17) % 60, random.nextInt(1000), level, 1 + i % 4, messages[random.nextInt(messages.length)]);
        });
    }

    private static String lines(int count, IntFunction<String> line) {
        return IntStream.range(0, count).mapToObj(line).collect(Collectors.joining("\n", "", "\n"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
