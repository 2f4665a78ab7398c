package io.obspipe.worker.processing;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scanner reads CSV as Commons CSV's default format does (the reader the worker used before):
 * checked on random documents built from the characters that matter, fed in small random chunks so
 * that every construct also meets the end of the buffer.
 */
class CsvScannerTest {

    private static final String[] PIECES = {
            ",", "\t", "\"", "\"\"", "\n", "\r", "\r\n", "\n\n", " ", "a", "bc", "12.5", "é", "東京", "😀", "\u3000", "x\"y"};

    @ParameterizedTest
    @ValueSource(chars = {',', '\t'})
    void readsRandomDocumentsAsCommonsCsvDoes(char delimiter) throws IOException {
        Random random = new Random(42 + delimiter);
        int compared = 0;
        int rejectedByBoth = 0;
        for (int document = 0; document < 20_000; document++) {
            StringBuilder text = new StringBuilder();
            for (int piece = random.nextInt(30); piece > 0; piece--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            List<List<String>> expected = commonsCsv(text.toString(), delimiter);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (expected == null) {
                assertThatThrownBy(() -> scan(bytes, delimiter, random)).as("%s", text)
                        .isInstanceOf(CorruptContentException.class).hasMessageContaining("is not valid CSV");
                rejectedByBoth++;
            } else {
                assertThat(scan(bytes, delimiter, random)).as("%s", text).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(5_000);
        assertThat(rejectedByBoth).isGreaterThan(1_000);
    }

    @Test
    void skipsAByteOrderMarkOnlyAtTheStart() throws IOException {
        assertThat(scan(utf8("\uFEFFa,b\n\uFEFF1,2\n"), ',', new Random(1)))
                .containsExactly(List.of("a", "b"), List.of("\uFEFF1", "2"));
    }

    @Test
    void keepsOnlyTheFieldsAskedForButCountsAll() throws IOException {
        CsvScanner scanner = new CsvScanner(new ByteArrayInputStream(utf8("a,b,c,d\n")), ',', "k.csv");

        assertThat(scanner.next(2)).isTrue();
        assertThat(scanner.fieldCount()).isEqualTo(4);
        assertThat(List.of(scanner.text(0), scanner.text(1))).containsExactly("a", "b");
    }

    @Test
    void rejectsInvalidUtf8WhereAStrictDecoderDoes() throws IOException {
        Random random = new Random(7);
        int invalid = 0;
        for (int document = 0; document < 20_000; document++) {
            byte[] bytes = new byte[1 + random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(3) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : (byte) "ab,\"\n"
                        .charAt(random.nextInt(5));
            }
            Integer firstInvalid = firstInvalidByte(bytes);
            boolean validCsv = firstInvalid == null && commonsCsv(new String(bytes, StandardCharsets.UTF_8), ',') != null;
            if (firstInvalid != null) {
                invalid++;
                assertThatThrownBy(() -> scan(bytes, ',', random)).isInstanceOf(CorruptContentException.class)
                        .satisfiesAnyOf(
                                e -> assertThat(e).hasMessageContaining("is not valid UTF-8")
                                        .hasMessageEndingWith("(byte offset " + firstInvalid + ")"),
                                // malformed quoting met before the bad byte is also a true answer
                                e -> assertThat(e).hasMessageContaining("is not valid CSV"));
            } else if (validCsv) {
                assertThat(scan(bytes, ',', random)).isEqualTo(commonsCsv(new String(bytes, StandardCharsets.UTF_8), ','));
            }
        }
        assertThat(invalid).isGreaterThan(5_000);
    }

    /** The records, or null if Commons CSV rejects the document. */
    private static List<List<String>> commonsCsv(String text, char delimiter) {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get()).get()) {
            List<List<String>> records = new ArrayList<>();
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
            return records;
        } catch (CSVException | UncheckedIOException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> scan(byte[] bytes, char delimiter, Random random) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvScanner scanner = new CsvScanner(new SmallReads(new ByteArrayInputStream(bytes), random), delimiter, "k.csv")) {
            while (scanner.next(Integer.MAX_VALUE)) {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < scanner.fieldCount(); i++) {
                    fields.add(scanner.text(i));
                }
                records.add(fields);
            }
        }
        return records;
    }

    /** Where a strict decoder stops, or null if the bytes are valid UTF-8. */
    private static Integer firstInvalidByte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        boolean invalid = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(bytes.length), true).isError();
        return invalid ? in.position() : null;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Hands out 1 to 7 bytes per read, as a network stream may. */
    private static final class SmallReads extends FilterInputStream {
        private final Random random;

        SmallReads(InputStream in, Random random) {
            super(in);
            this.random = random;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(7)));
        }
    }
}
