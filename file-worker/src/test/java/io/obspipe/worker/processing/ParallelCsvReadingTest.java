package io.obspipe.worker.processing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.obspipe.worker.processing.ProcessorFixtures.columnSummary;
import static io.obspipe.worker.processing.ProcessorFixtures.decodeAndProcess;
import static io.obspipe.worker.processing.ProcessorFixtures.process;
import static io.obspipe.worker.processing.ProcessorFixtures.resource;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static io.obspipe.worker.processing.ProcessorFixtures.withoutQuantiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reading a CSV object in parts on several threads gives what the worker's one-stream read gives — the
 * same summary, or the same error naming the same line and offset — whatever the part size, so that
 * parts begin everywhere: inside quoted fields, between {@code \r} and {@code \n}, in runs of empty
 * lines, inside a multi-byte character, inside a byte order mark.
 */
class ParallelCsvReadingTest {

    private static final String[] PIECES = {
            ",", ",", ",", "\"", "\"\"", "\n", "\n", "\r", "\r\n", "\n\n", " ", "a", "bc", "12.5", "-3", "7", "é", "東京",
            "\"q\nr\"", "\"s,\r\nt\"", "x\"y"};
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();
    private static final ContentDecoder UTF8 = new ContentDecoder(Long.MAX_VALUE, TextCharsets.parse("UTF-8", ""));

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    @Test
    void givesTheOneStreamSummaryOfRandomDocuments() throws IOException {
        Random random = new Random(14);
        int compared = 0;
        int rejected = 0;
        for (int document = 0; document < 3_000; document++) {
            StringBuilder text = new StringBuilder(document % 10 == 0 ? "\uFEFFid,name,price\n" : "id,name,price\n");
            for (int piece = random.nextInt(120); piece > 0; piece--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] bytes = utf8(text.toString());
            ReadOutcome expected = ReadOutcome.of(() -> decodeAndProcess(new CsvProcessor(), UTF8, "doc.csv", bytes));
            PartReading reading = new PartReading(1 + random.nextInt(4), 1 + random.nextInt(40), 1);
            ReadOutcome inParts = ReadOutcome.of(() -> inParts(bytes, "doc.csv", reading));
            assertThat(inParts).as("%s in parts of %s", text, reading).isEqualTo(expected);
            if (expected.error() == null) {
                compared++;
            } else {
                rejected++;
            }
        }
        assertThat(compared).isGreaterThan(300);
        assertThat(rejected).isGreaterThan(1_000);
    }

    @Test
    void givesTheOneStreamSummaryOfTheTestFiles() throws IOException {
        for (String name : new String[] {"prices.csv", "prices.tsv"}) {
            byte[] bytes = resource(name);
            ProcessingReport expected = process(new CsvProcessor(), name, bytes);
            for (int partBytes = 1; partBytes <= bytes.length; partBytes++) {
                assertThat(inParts(bytes, name, new PartReading(3, partBytes, 1))).as("%s in parts of %d", name, partBytes)
                        .isEqualTo(expected);
            }
        }
    }

    /**
     * The worker's one-stream read sees the content through the {@link ContentDecoder}, which drops a
     * byte order mark; a read in parts sees the stored bytes, mark included. Errors must name the same
     * offsets, and a second mark must count as it does in the one-stream read.
     */
    @Test
    void givesTheWorkersOneStreamReadOfContentWithAByteOrderMark() {
        byte[][] documents = {
                utf8("\uFEFFid,name\n1,\"a\"b\n2,c\n"),
                utf8("\uFEFFid,name\n1,\"open\n2,c\n"),
                concat(utf8("\uFEFFid,name\n1,a\n2,"), new byte[] {(byte) 0xFF}, utf8("\n")),
                utf8("\uFEFF\uFEFFid,name\n1,a\n2,\"b\nc\"\n")};
        for (byte[] bytes : documents) {
            ReadOutcome expected = ReadOutcome.of(() -> decodeAndProcess(new CsvProcessor(), UTF8, "doc.csv", bytes));
            for (int partBytes = 1; partBytes <= bytes.length; partBytes++) {
                PartReading reading = new PartReading(3, partBytes, 1);
                assertThat(ReadOutcome.of(() -> inParts(bytes, "doc.csv", reading)))
                        .as("%s in parts of %d", new String(bytes, StandardCharsets.UTF_8), partBytes).isEqualTo(expected);
            }
        }
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            all.writeBytes(piece);
        }
        return all.toByteArray();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mergesManyPartsOfALargerDocument() throws IOException {
        StringBuilder text = new StringBuilder("\uFEFForder,customer,quantity,note\r\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",customer-").append(i % 700).append(',').append(i % 13 * 0.25)
                    .append(i % 50 == 0 ? ",\"two\nlines, \"\"quoted\"\"\"\r\n" : ",plain\r\n");
        }
        byte[] bytes = utf8(text.toString());

        ProcessingReport inParts = inParts(bytes, "orders.csv", new PartReading(2, 4_096, 1));

        assertThat(withoutQuantiles(inParts)).isEqualTo(withoutQuantiles(process(new CsvProcessor(), "orders.csv", bytes)));
        assertThat(inParts.summary()).containsEntry("total_rows", 20_000L);
        Map<String, Object> order = (Map<String, Object>) columnSummary(inParts).get("order");
        double rankError = 2 * CsvColumnStatistics.QUANTILES_RANK_ERROR * 20_000;
        assertThat((double) order.get("p50")).isCloseTo(10_000, within(rankError));
        assertThat((double) order.get("p99")).isCloseTo(19_800, within(rankError));
        double[] quantities = new double[20_000];
        Arrays.setAll(quantities, i -> i % 13 * 0.25);
        Arrays.sort(quantities);
        assertThat((Map<String, Object>) columnSummary(inParts).get("quantity")).as("exact below the distinct values' bound")
                .containsEntry("p50", quantities[9_999]).containsEntry("p90", quantities[17_999])
                .containsEntry("p99", quantities[19_799]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sketchesTheQuantilesOnceMergedPartsPassTheDistinctValuesBound() throws IOException {
        StringBuilder text = new StringBuilder("value\n");
        for (int i = 0; i < 3_000; i++) {
            text.append(i % 300).append('\n');
        }
        byte[] bytes = utf8(text.toString());
        int bound = 200;

        ProcessingReport inParts = new CsvProcessor(bound, new PartReading(2, 600, 1), THREADS)
                .process(new InMemoryRanges(bytes), new ProcessingContext("values.csv", "values.csv", false, bytes.length));

        ProcessingReport oneStream = process(new CsvProcessor(bound, PartReading.ONE_STREAM, Runnable::run), "values.csv", bytes);
        assertThat(withoutQuantiles(inParts)).isEqualTo(withoutQuantiles(oneStream));
        Map<String, Object> values = (Map<String, Object>) columnSummary(inParts).get("value");
        double rankError = 2 * CsvColumnStatistics.QUANTILES_RANK_ERROR * 300;
        assertThat((double) values.get("p50")).isCloseTo(149, within(rankError));
        assertThat((double) values.get("p90")).isCloseTo(269, within(rankError));
    }

    private static ProcessingReport inParts(byte[] bytes, String key, PartReading reading) throws IOException {
        return new CsvProcessor(CsvProcessor.DEFAULT_MAX_DISTINCT_VALUES, reading, THREADS)
                .process(new InMemoryRanges(bytes), new ProcessingContext(key, key, false, bytes.length));
    }

    @Test
    void reportsAnEmptyObjectAsTheOneStreamReadDoes() {
        assertThatThrownBy(() -> inParts(utf8("\n\n\n"), "empty.csv", new PartReading(2, 1, 1)))
                .isInstanceOf(CorruptContentException.class).hasMessage("empty.csv is empty: it has no header row");
    }
}
