package io.obspipe.worker.processing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

import static io.obspipe.worker.processing.ProcessorFixtures.decodeAndProcess;
import static io.obspipe.worker.processing.ProcessorFixtures.resource;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading an NDJSON or text object in parts on several threads gives what the worker's one-stream read
 * gives — the same summary, or the same error naming the same line and offset — whatever the part size,
 * so that parts begin everywhere: between {@code \r} and {@code \n}, inside a multi-byte character,
 * inside a line longer than a part, after a byte order mark, before a last line without a line break.
 */
class ParallelLineReadingTest {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool();
    private static final ContentDecoder UTF8 = new ContentDecoder(Long.MAX_VALUE, TextCharsets.parse("UTF-8", ""));
    private static final String[] NDJSON_PIECES = {
            "{\"a\":1}\n", "{\"b\":[1,{\"c\":2}],\"a\":\"東京\"}\r\n", "\"s\"\r", "3\n", "null \n", "true\t\n", "[]\n", "\n",
            "\r\n", "\r", " ", "{\"é\":\"😀\"}\n", "{\"k\uFEFF\":0}\n"};
    private static final String[] TEXT_PIECES = {
            "INFO", "ERROR", "WARNING", "DEBUGGING", " ", "\t", "\n", "\n", "\r\n", "\r", "word", "x_y", "é", "東京", "😀", "\uFEFF",
            "  at frame", "2026-12-01 ", "[WARN]"};
    /** Rare pieces that make content invalid: a value split over lines, a second value on a line, bad UTF-8 ... */
    private static final byte[][] FLAWS = {
            {(byte) 0xE6, (byte) 0x9D}, {(byte) 0xFF}, utf8("{\"d\":\n1}"), utf8("{\"k"), utf8("\"x\ny\""), utf8("1 2"), utf8("}")};

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    @Test
    void ndjsonGivesTheOneStreamSummaryOfRandomDocuments() {
        compareRandomDocuments("doc.ndjson", NDJSON_PIECES, NdjsonProcessor::new, new Random(14));
    }

    @Test
    void textGivesTheOneStreamSummaryOfRandomDocuments() {
        compareRandomDocuments("doc.log", TEXT_PIECES, TextProcessor::new, new Random(15));
    }

    private static void compareRandomDocuments(String key, String[] pieces,
                                               BiFunction<PartReading, ExecutorService, PartReadingProcessor> processor,
                                               Random random) {
        int compared = 0;
        int rejected = 0;
        for (int document = 0; document < 3_000; document++) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (random.nextInt(10) == 0) {
                content.writeBytes(utf8("\uFEFF"));
            }
            for (int piece = random.nextInt(120); piece > 0; piece--) {
                content.writeBytes(random.nextInt(100) == 0 ? FLAWS[random.nextInt(FLAWS.length)] : utf8(pieces[random.nextInt(pieces.length)]));
            }
            byte[] bytes = content.toByteArray();
            ReadOutcome expected = ReadOutcome.of(() -> decodeAndProcess(processor.apply(PartReading.ONE_STREAM, THREADS), UTF8,
                    key, bytes));
            PartReading reading = new PartReading(1 + random.nextInt(4), 1 + random.nextInt(40), 1);
            ReadOutcome inParts = ReadOutcome.of(() -> inParts(processor.apply(reading, THREADS), key, bytes));
            assertThat(inParts).as("%s in parts of %s", new String(bytes, StandardCharsets.UTF_8), reading)
                    .isEqualTo(expected);
            if (expected.error() == null) {
                compared++;
            } else {
                rejected++;
            }
        }
        assertThat(compared).isGreaterThan(300);
        assertThat(rejected).isGreaterThan(300);
    }

    @Test
    void givesTheOneStreamSummaryOfTheTestFiles() throws IOException {
        for (String name : new String[] {"events.ndjson", "app.log"}) {
            byte[] bytes = resource(name);
            PartReadingProcessor oneStream = name.endsWith(".log") ? new TextProcessor() : new NdjsonProcessor();
            ProcessingReport expected = decodeAndProcess(oneStream, UTF8, name, bytes);
            for (int partBytes = 1; partBytes <= bytes.length; partBytes++) {
                PartReading reading = new PartReading(3, partBytes, 1);
                PartReadingProcessor parts = name.endsWith(".log") ? new TextProcessor(reading, THREADS) : new NdjsonProcessor(reading, THREADS);
                assertThat(inParts(parts, name, bytes)).as("%s in parts of %d", name, partBytes).isEqualTo(expected);
            }
        }
    }

    @Test
    void mergesTheKeysOfManyPartsUpToTheirBound() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            text.append("{\"shared\":").append(i).append(",\"k").append(i % 1_500).append("\":true}\r\n");
        }
        byte[] bytes = utf8(text.toString());

        ProcessingReport inParts = inParts(new NdjsonProcessor(new PartReading(2, 4_096, 1), THREADS), "keys.jsonl", bytes);

        assertThat(inParts).isEqualTo(decodeAndProcess(new NdjsonProcessor(), UTF8, "keys.jsonl", bytes));
        assertThat(inParts.summary()).containsEntry("record_count", 3_000L).containsEntry("keys_capped", true);
    }

    private static ProcessingReport inParts(PartReadingProcessor processor, String key, byte[] bytes) throws IOException {
        return processor.process(new InMemoryRanges(bytes), new ProcessingContext(key, key, false, bytes.length));
    }
}
