package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.obspipe.worker.processing.ProcessorFixtures.columnSummary;
import static io.obspipe.worker.processing.ProcessorFixtures.process;
import static io.obspipe.worker.processing.ProcessorFixtures.resource;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvProcessorTest {

    private final CsvProcessor processor = new CsvProcessor();

    @Test
    void summarisesEachColumnLikePandasDescribe() throws IOException {
        ProcessingReport report = process(processor, "sales/prices.csv", resource("prices.csv"));

        assertThat(report.format()).isEqualTo("csv");
        assertThat(report.summary()).containsEntry("total_rows", 4L)
                .containsEntry("columns", List.of("id", "product", "price", "city"))
                .containsEntry("inconsistent_rows", 0L);
        Map<String, Object> columns = columnSummary(report);
        assertThat(columns.get("price")).isEqualTo(numberColumn(3L, 2.5, 1.5, 3.5, 7.5, 2.5, 3.5, 3.5));
        assertThat(columns.get("id")).isEqualTo(numberColumn(4L, 2.5, 1.0, 4.0, 10.0, 2.0, 4.0, 4.0));
        assertThat(columns.get("product")).isEqualTo(Map.of(
                "count", 4L, "type", "text", "distinct", 3, "most_frequent", "apple", "most_frequent_count", 2L));
        assertThat(columns.get("city")).isEqualTo(Map.of(
                "count", 4L, "type", "text", "distinct", 2, "most_frequent", "Paris", "most_frequent_count", 3L));
    }

    @Test
    void contentLargerThanItsStoredSizeReadsTheSame() throws IOException {
        StringBuilder csv = new StringBuilder("name,note,amount\n");
        for (int row = 0; row < 200; row++) {
            csv.append("\"row ").append(row).append(", quoted\",\"line one\nline \"\"two\"\"\",").append(row % 17).append('\n');
        }
        byte[] content = utf8(csv.toString());

        // text converted to UTF-8 can be larger than the object as stored: the buffer sized to it is refilled
        ProcessingReport small = processor.process(new ByteArrayInputStream(content),
                new ProcessingContext("rows.csv", "rows.csv", false, 600));

        assertThat(content.length).isGreaterThan(10 * 600);
        assertThat(small.summary()).isEqualTo(process(processor, "rows.csv", content).summary())
                .containsEntry("total_rows", 200L).containsEntry("inconsistent_rows", 0L);
    }

    @Test
    void readsTabSeparatedFilesWithTheSameSummary() throws IOException {
        ProcessingReport csv = process(processor, "prices.csv", resource("prices.csv"));
        ProcessingReport tsv = process(processor, "prices.TSV", resource("prices.tsv"));

        assertThat(tsv.format()).isEqualTo("tsv");
        assertThat(tsv.summary()).isEqualTo(csv.summary());
    }

    @Test
    void aColumnWithOneNonNumericValueIsText() throws IOException {
        ProcessingReport report = process(processor, "mixed.csv", utf8("code\n1\n2\nn/a\n2\n"));

        assertThat(columnSummary(report).get("code")).isEqualTo(Map.of(
                "count", 4L, "type", "text", "distinct", 3, "most_frequent", "2", "most_frequent_count", 2L));
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
        ProcessingReport report = process(processor, "quoted.csv",
                utf8("name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\n\"Doe\",plain\r\n"));

        assertThat(report.summary()).containsEntry("total_rows", 2L).containsEntry("inconsistent_rows", 0L);
        assertThat(columnSummary(report).get("name")).isEqualTo(Map.of(
                "count", 2L, "type", "text", "distinct", 2, "most_frequent", "Smith, J", "most_frequent_count", 1L));
    }

    @Test
    void countsRaggedRowsAndKeepsTheirAlignedFields() throws IOException {
        ProcessingReport report = process(processor, "ragged.csv", utf8("a,b\n1,2\n3\n4,5,6\n7,8\n"));

        assertThat(report.summary()).containsEntry("total_rows", 4L).containsEntry("inconsistent_rows", 2L);
        assertThat(columnSummary(report).get("a")).isEqualTo(numberColumn(4L, 3.75, 1.0, 7.0, 15.0, 3.0, 7.0, 7.0));
        assertThat(columnSummary(report).get("b")).isEqualTo(numberColumn(3L, 5.0, 2.0, 8.0, 15.0, 5.0, 8.0, 8.0));
    }

    @Test
    void aHeaderOnlyFileHasNoRows() throws IOException {
        ProcessingReport report = process(processor, "header.csv", utf8("a,b\n"));

        assertThat(report.summary()).containsEntry("total_rows", 0L).containsEntry("columns", List.of("a", "b"));
        assertThat(columnSummary(report).get("a")).isEqualTo(Map.of("count", 0L, "type", "empty"));
    }

    @Test
    void namesBlankAndRepeatedHeadersAsPandasDoes() throws IOException {
        ProcessingReport report = process(processor, "headers.csv", utf8("price,,price,price\n1,2,3,4\n"));

        assertThat(report.summary()).containsEntry("columns", List.of("price", "Unnamed: 1", "price.1", "price.2"));
        assertThat(columnSummary(report)).containsKeys("price", "Unnamed: 1", "price.1", "price.2");
    }

    @Test
    void boundsTheDistinctValuesTrackedPerColumn() throws IOException {
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append("user-").append(i).append('\n');
        }
        csv.append("user-7\nuser-7\n");

        ProcessingReport report = process(new CsvProcessor(1_000, PartReading.ONE_STREAM, Runnable::run), "users.csv", utf8(csv.toString()));

        assertThat(report.summary()).containsEntry("total_rows", 50_002L);
        assertThat(columnSummary(report).get("id")).isEqualTo(Map.of(
                "count", 50_002L, "type", "text", "distinct", 1_000, "distinct_capped", true,
                "distinct_estimate", 50_323L, "distinct_estimate_low", 49_066L, "distinct_estimate_high", 51_617L,
                "most_frequent", "user-7", "most_frequent_count", 3L));
    }

    @Test
    void anEmptyFileIsCorrupt() {
        assertThatThrownBy(() -> process(processor, "empty.csv", new byte[0]))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("empty.csv is empty: it has no header row");
    }

    @Test
    void anUnterminatedQuoteIsCorruptAndNamesTheLine() {
        assertThatThrownBy(() -> process(processor, "broken.csv", utf8("a,b\n1,2\n3,\"open\n4,5\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("broken.csv is not valid CSV: the quoted field opened on line 3 is not closed before the end of the file");
    }

    @Test
    void textAfterAClosingQuoteIsCorruptAndNamesTheLine() {
        assertThatThrownBy(() -> process(processor, "broken.csv", utf8("a,b\n1,2\n\"3\"x,4\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("broken.csv is not valid CSV: unexpected 'x' after the closing quote of a field on line 3"
                        + " (byte offset 11); a quote inside a quoted field is written as two quotes");
    }

    @Test
    void whitespaceAfterAClosingQuoteIsAllowed() throws IOException {
        ProcessingReport report = process(processor, "spaced.csv", utf8("a,b\n\"x\"  \t,1\n\"x\"\u3000,2\n"));

        assertThat(columnSummary(report).get("a")).isEqualTo(Map.of(
                "count", 2L, "type", "text", "distinct", 1, "most_frequent", "x", "most_frequent_count", 2L));
    }

    @Test
    void aRecordLongerThanTheLimitIsCorruptInsteadOfExhaustingMemory() {
        // an opening quote that is never closed would otherwise make the rest of the file one field
        GeneratedInputStream content = new GeneratedInputStream(utf8("a,b\n1,\"never closed\n"),
                row -> utf8("filler line " + row + ", still inside the quotes\n"), 2_000_000, new byte[0]);

        assertThatThrownBy(() -> processor.process(content, new ProcessingContext("open.csv", "open.csv", false, 0)))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("open.csv is not valid CSV: the record starting on line 2 is longer than 16 MiB (an unclosed quote?)");
    }

    @Test
    void unicodeValuesAreCountedAsTheirText() throws IOException {
        ProcessingReport report = process(processor, "cities.csv", utf8("city,n\nZürich,1\n東京,2\nZürich,\u2003 3 \u2003\n\u3000,4\n"));

        assertThat(columnSummary(report).get("city")).isEqualTo(Map.of(
                "count", 3L, "type", "text", "distinct", 2, "most_frequent", "Zürich", "most_frequent_count", 2L));
        assertThat(columnSummary(report).get("n")).isEqualTo(numberColumn(4L, 2.5, 1.0, 4.0, 10.0, 2.0, 4.0, 4.0));
    }

    @Test
    void invalidUtf8IsCorruptAndNamesTheLine() {
        byte[] content = {'a', ',', 'b', '\n', '1', ',', (byte) 0xff, '\n'};

        assertThatThrownBy(() -> process(processor, "latin.csv", content))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("latin.csv is not valid UTF-8: invalid byte sequence on line 2 (byte offset 6)");
    }

    @Test
    void supportsCsvAndTsvKeysInAnyCase() {
        assertThat(processor.supports("a/b/data.csv")).isTrue();
        assertThat(processor.supports("DATA.TSV")).isTrue();
        assertThat(processor.supports("data.csv.bak")).isFalse();
        assertThat(processor.supports("data.json")).isFalse();
    }

    @Test
    void numbersReadFromBytesEqualDoubleParseDoubleBitForBit() {
        Random random = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(19);
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                text.append(d == point ? "." : "").append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(4) == 0) {
                text.append('e').append(random.nextInt(61) - 30);
            }
            String number = text.toString();
            assertThat(Double.doubleToRawLongBits(CsvColumnStatistics.parseNumber(number))).as(number)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number)));
        }
    }

    @Test
    void numbersArePlainDecimals() {
        assertThat(CsvColumnStatistics.parseNumber("-12")).isEqualTo(-12.0);
        assertThat(CsvColumnStatistics.parseNumber("+.5")).isEqualTo(0.5);
        assertThat(CsvColumnStatistics.parseNumber("5.")).isEqualTo(5.0);
        assertThat(CsvColumnStatistics.parseNumber("1.5E-3")).isEqualTo(0.0015);
        assertThat(List.of("NaN", "Infinity", "1d", "0x1p3", "1e", "-", ".", "1,000", "1e999", ""))
                .allSatisfy(text -> assertThat(CsvColumnStatistics.parseNumber(text)).isNaN());
    }

    /** A number column's summary; the quantiles are values of the column (nearest rank), exact below the distinct-values bound. */
    private static Map<String, Object> numberColumn(long count, double mean, double min, double max, double sum,
                                                    double p50, double p90, double p99) {
        return Map.ofEntries(Map.entry("count", count), Map.entry("type", "number"), Map.entry("mean", mean),
                Map.entry("min", min), Map.entry("max", max), Map.entry("sum", sum), Map.entry("p50", p50),
                Map.entry("p90", p90), Map.entry("p99", p99),
                Map.entry("quantiles_rank_error", CsvColumnStatistics.QUANTILES_RANK_ERROR));
    }
}
