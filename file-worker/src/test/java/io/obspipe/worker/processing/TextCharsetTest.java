package io.obspipe.worker.processing;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.obspipe.worker.processing.ProcessorFixtures.columnSummary;
import static io.obspipe.worker.processing.ProcessorFixtures.gzip;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static io.obspipe.worker.processing.ProcessorFixtures.withoutQuantiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text in GBK / GB18030, UTF-16, windows-1252 ... reaches the processors as UTF-8, through the {@link ContentDecoder}. */
class TextCharsetTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final long LIMIT = 100L << 20;

    /** As Excel on Chinese Windows saves a CSV: GBK, CRLF line breaks. */
    private static final String CHINESE_CSV = "姓名,城市,金额\r\n张三,北京,100\r\n李四,上海,200\r\n王五,北京,300\r\n";

    private final ContentDecoder auto = new ContentDecoder(LIMIT);

    @Test
    void aGbkCsvFromExcelIsRecognisedAndItsChineseNamesAndValuesComeOutRight() throws IOException {
        Decoded result = decodeAndProcess(auto, new CsvProcessor(), "exports/客户.csv", CHINESE_CSV.getBytes(GBK));

        assertThat(result.charset()).isEqualTo(GB18030);
        assertThat(result.report().summary()).containsEntry("total_rows", 3L)
                .containsEntry("columns", List.of("姓名", "城市", "金额"));
        assertThat(columnSummary(result.report()).get("城市")).isEqualTo(Map.of(
                "count", 3L, "type", "text", "distinct", 2, "most_frequent", "北京", "most_frequent_count", 2L));
        assertThat(columnSummary(result.report()).get("金额")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("mean", 200.0).containsEntry("sum", 600.0).containsEntry("p50", 200.0);
    }

    @Test
    void aGbkCsvHasTheSummaryOfTheSameCsvInUtf8() throws IOException {
        ProcessingReport inUtf8 = decodeAndProcess(auto, new CsvProcessor(), "a.csv", utf8(CHINESE_CSV)).report();
        Decoded inGbk = decodeAndProcess(auto, new CsvProcessor(), "a.csv", CHINESE_CSV.getBytes(GBK));
        Decoded gzipped = decodeAndProcess(auto, new CsvProcessor(), "a.csv.gz", gzip(CHINESE_CSV.getBytes(GBK)));

        assertThat(inGbk.report()).isEqualTo(inUtf8);
        assertThat(gzipped.report()).isEqualTo(inUtf8);
        assertThat(gzipped.charset()).isEqualTo(GB18030);
    }

    @Test
    void gb18030TextWithFourByteCharactersIsCountedByCharacter() throws IOException {
        String text = "日志 第一行 😀\n第二行 𠀀 结束\n";

        Decoded result = decodeAndProcess(auto, new TextProcessor(), "logs/报告.txt", (text + text + text).getBytes(GB18030));

        assertThat(result.charset()).isEqualTo(GB18030);
        assertThat(result.report().summary()).containsEntry("lines", 6L).containsEntry("words", 18L)
                .containsEntry("characters", (long) (text + text + text).codePointCount(0, 3 * text.length()));
    }

    @Test
    void aGbkNdjsonFileIsReadAsJson() throws IOException {
        String ndjson = "{\"名称\":\"苹果\",\"数量\":10}\n{\"名称\":\"香蕉\",\"数量\":20}\n{\"名称\":\"橙子\",\"备注\":\"进口水果\"}\n";

        Decoded result = decodeAndProcess(auto, new NdjsonProcessor(), "orders.ndjson", ndjson.getBytes(GBK));

        assertThat(result.charset()).isEqualTo(GB18030);
        assertThat(result.report().summary()).containsEntry("record_count", 3L)
                .containsEntry("keys", List.of("名称", "数量", "备注"));
    }

    @Test
    void utf16WithAByteOrderMarkIsReadInTheCharsetTheMarkNames() throws IOException {
        Decoded littleEndian = decodeAndProcess(auto, new CsvProcessor(), "excel-unicode.csv", withMark(CHINESE_CSV, StandardCharsets.UTF_16LE));
        Decoded bigEndian = decodeAndProcess(auto, new CsvProcessor(), "be.csv", withMark(CHINESE_CSV, StandardCharsets.UTF_16BE));
        ProcessingReport inUtf8 = decodeAndProcess(auto, new CsvProcessor(), "a.csv", utf8(CHINESE_CSV)).report();

        assertThat(littleEndian.charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(bigEndian.charset()).isEqualTo(StandardCharsets.UTF_16BE);
        assertThat(littleEndian.report()).isEqualTo(inUtf8);
        assertThat(bigEndian.report()).isEqualTo(inUtf8);
    }

    @Test
    void aByteOrderMarkOutranksTheConfiguredCharset() throws IOException {
        ContentDecoder gbkEverywhere = new ContentDecoder(LIMIT, TextCharsets.parse("GBK", ""));

        Decoded result = decodeAndProcess(gbkEverywhere, new CsvProcessor(), "a.csv", withMark(CHINESE_CSV, StandardCharsets.UTF_8));

        assertThat(result.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(result.report().summary()).containsEntry("columns", List.of("姓名", "城市", "金额"));
    }

    @Test
    void windows1252IsRecognised() throws IOException {
        String csv = "nom,ville,prix\nRené,Besançon,12\nFrançois,Orléans,13\nZoë,Besançon,5\nHélène,Noël,7\n";

        Decoded result = decodeAndProcess(auto, new CsvProcessor(), "eu/ventes.csv", csv.getBytes(WINDOWS_1252));

        assertThat(result.charset()).isEqualTo(WINDOWS_1252);
        assertThat(columnSummary(result.report()).get("ville")).isEqualTo(Map.of(
                "count", 4L, "type", "text", "distinct", 3, "most_frequent", "Besançon", "most_frequent_count", 2L));
    }

    @Test
    void utf8ContentIsPassedOnAsItIs() throws IOException {
        byte[] content = utf8("名称,数量\n苹果,10\n");

        DecodedContent decoded = auto.decode("a.csv", new ByteArrayInputStream(content), true, content.length);

        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(decoded.stream().readAllBytes()).isEqualTo(content);
    }

    @Test
    void utf8WithACharacterAcrossTheEndOfTheSampleIsStillUtf8() throws IOException {
        byte[] content = utf8("a".repeat(Utf8Conversion.SAMPLE_BYTES - 1) + "€ and more\n");

        DecodedContent decoded = auto.decode("long.txt", new ByteArrayInputStream(content), true, content.length);

        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(decoded.stream().readAllBytes()).isEqualTo(content);
    }

    @Test
    void gbkLongerThanTheSampleIsConvertedWhole() throws IOException {
        StringBuilder csv = new StringBuilder("编号,城市\n");
        String[] cities = {"北京", "上海", "广州", "深圳", "杭州"};
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(cities[i % cities.length]).append('\n');
        }

        Decoded result = decodeAndProcess(auto, new CsvProcessor(), "big.csv", csv.toString().getBytes(GBK));

        assertThat(result.charset()).isEqualTo(GB18030);
        assertThat(withoutQuantiles(result.report()))
                .isEqualTo(withoutQuantiles(decodeAndProcess(auto, new CsvProcessor(), "big.csv", utf8(csv.toString())).report()));
    }

    @Test
    void aBinaryFileStillFailsClearly() {
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        binary[100] = 0;
        binary[20] = (byte) 0xff;

        assertThatThrownBy(() -> decodeAndProcess(auto, new CsvProcessor(), "data/image.csv", binary))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("data/image.csv is binary, not text: it holds a NUL byte at byte offset ");
    }

    @Test
    void contentWhoseCharsetIsNotRecognisedSaysWhichSettingsToUse() {
        byte[] noise = new byte[2048];
        Random random = new Random(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (0x80 + random.nextInt(0x80));
        }

        assertThatThrownBy(() -> decodeAndProcess(auto, new TextProcessor(), "noise.txt", noise))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("noise.txt is not valid UTF-8 (invalid byte sequence at byte offset 0) and its charset was not"
                        + " recognised; if it is text, name its charset in WORKER_CHARSET_BY_PREFIX or WORKER_CHARSET");
    }

    @Test
    void theCharsetSetForAPrefixIsUsedAndAnInvalidSequenceNamesIt() throws IOException {
        ContentDecoder byPrefix = new ContentDecoder(LIMIT, TextCharsets.parse("utf-8", "legacy/:GB18030;legacy/eu/:windows-1252"));
        byte[] broken = concat("名称,数量\n苹果,".getBytes(GB18030), new byte[] {(byte) 0x81, '\n'});

        assertThat(decodeAndProcess(byPrefix, new CsvProcessor(), "legacy/a.csv", CHINESE_CSV.getBytes(GB18030)).charset())
                .isEqualTo(GB18030);
        assertThat(decodeAndProcess(byPrefix, new CsvProcessor(), "legacy/eu/a.csv", utf8("a\nb\n")).charset())
                .isEqualTo(WINDOWS_1252);
        assertThatThrownBy(() -> decodeAndProcess(byPrefix, new CsvProcessor(), "legacy/broken.csv", broken))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("legacy/broken.csv is not valid GB18030 (the charset WORKER_CHARSET_BY_PREFIX for 'legacy/' sets):"
                        + " invalid byte sequence on line 2 (byte offset 15)");
    }

    @Test
    void withUtf8SetAGbkFileFailsAsBefore() {
        ContentDecoder strict = new ContentDecoder(LIMIT, TextCharsets.parse("UTF-8", null));

        assertThatThrownBy(() -> decodeAndProcess(strict, new CsvProcessor(), "a.csv", CHINESE_CSV.getBytes(GBK)))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("a.csv is not valid UTF-8: invalid byte sequence on line 1 (byte offset 0)");
    }

    @Test
    void aProcessorThatDoesNotReadTextGetsTheBytesAsStored() throws IOException {
        byte[] stored = CHINESE_CSV.getBytes(GBK);

        DecodedContent decoded = auto.decode("a.bin", new ByteArrayInputStream(stored), false, stored.length);

        assertThat(decoded.charset()).isNull();
        assertThat(decoded.stream().readAllBytes()).isEqualTo(stored);
    }

    private record Decoded(ProcessingReport report, Charset charset) {
    }

    private static Decoded decodeAndProcess(ContentDecoder decoder, FileProcessor processor, String key, byte[] stored)
            throws IOException {
        DecodedContent decoded = decoder.decode(key, new ByteArrayInputStream(stored), processor.readsText(), stored.length);
        try (InputStream content = decoded.stream()) {
            return new Decoded(processor.process(content,
                    new ProcessingContext(key, decoded.contentKey(), decoded.compressed(), stored.length)), decoded.charset());
        }
    }

    private static byte[] withMark(String text, Charset charset) {
        byte[] mark = "\uFEFF".getBytes(charset);
        return concat(mark, text.getBytes(charset));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
