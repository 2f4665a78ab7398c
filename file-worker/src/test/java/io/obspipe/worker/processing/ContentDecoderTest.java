package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static io.obspipe.worker.processing.ProcessorFixtures.decodeAndProcess;
import static io.obspipe.worker.processing.ProcessorFixtures.gzip;
import static io.obspipe.worker.processing.ProcessorFixtures.process;
import static io.obspipe.worker.processing.ProcessorFixtures.resource;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentDecoderTest {

    private static final long ONE_MB = 1024 * 1024;

    private final ContentDecoder decoder = new ContentDecoder(100 * ONE_MB);

    @Test
    void aGzippedCsvHasTheSameSummaryAsThePlainOne() throws IOException {
        byte[] csv = resource("prices.csv");

        ProcessingReport plain = process(new CsvProcessor(), "prices.csv", csv);
        ProcessingReport compressed = decodeAndProcess(new CsvProcessor(), decoder, "prices.csv.gz", gzip(csv));

        assertThat(compressed).isEqualTo(plain);
    }

    @Test
    void stripsAGzipSuffixInAnyCaseForProcessorSelection() throws IOException {
        assertThat(decode("data/DATA.CSV.GZ", gzip(utf8("a")))).extracting(DecodedContent::contentKey, DecodedContent::compressed)
                .containsExactly("data/DATA.CSV", true);
        assertThat(decode("logs/app.log.gzip", gzip(utf8("a")))).extracting(DecodedContent::contentKey, DecodedContent::compressed)
                .containsExactly("logs/app.log", true);
        assertThat(ContentDecoder.contentKeyOf("x.json.Gz")).isEqualTo("x.json");
        assertThat(ContentDecoder.contentKeyOf("x.gz.json")).isEqualTo("x.gz.json");
    }

    @Test
    void recognisesGzipByItsMagicBytesWhenTheKeyDoesNotSaySo() throws IOException {
        DecodedContent decoded = decode("exports/data.csv", gzip(utf8("a,b\n1,2\n")));

        assertThat(decoded.compressed()).isTrue();
        assertThat(decoded.contentKey()).isEqualTo("exports/data.csv");
        assertThat(decoded.stream().readAllBytes()).isEqualTo(utf8("a,b\n1,2\n"));
    }

    @Test
    void passesPlainContentThroughUnchanged() throws IOException {
        DecodedContent decoded = decode("data.csv", utf8("a,b\n1,2\n"));

        assertThat(decoded.compressed()).isFalse();
        assertThat(decoded.contentKey()).isEqualTo("data.csv");
        assertThat(decoded.stream().readAllBytes()).isEqualTo(utf8("a,b\n1,2\n"));
    }

    @Test
    void stopsADecompressionBombAtTheLimit() throws IOException {
        byte[] bomb = gzipped((byte) 0, 50 * ONE_MB);
        DecodedContent decoded = new ContentDecoder(ONE_MB).decode("bomb.csv.gz", new ByteArrayInputStream(bomb), false, bomb.length);

        long[] delivered = {0};
        assertThatThrownBy(() -> drain(decoded.stream(), delivered))
                .isInstanceOf(ContentTooLargeException.class)
                .hasMessage("decompressed content of bomb.csv.gz exceeds the limit of 1.0 MB");
        assertThat(delivered[0]).isLessThanOrEqualTo(ONE_MB);
    }

    @ParameterizedTest
    @MethodSource("io.obspipe.worker.processing.ProcessorFixtures#builtInProcessors")
    void everyProcessorPassesTheLimitFailureOnAsItIs(FileProcessor processor) {
        // spaces, which every format reads on through, so the limit is what stops it
        byte[] bomb = gzipped((byte) ' ', 50 * ONE_MB);

        assertThatThrownBy(() -> decodeAndProcess(processor, new ContentDecoder(ONE_MB), "bomb.gz", bomb))
                .isInstanceOf(ContentTooLargeException.class)
                .hasMessage("decompressed content of bomb.gz exceeds the limit of 1.0 MB");
    }

    @Test
    void aTruncatedGzipIsCorruptWhenTheProcessorReadsIt() {
        StringBuilder csv = new StringBuilder("id,value\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(i * 31 % 977).append('\n');
        }
        byte[] compressed = gzip(utf8(csv.toString()));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);

        assertThatThrownBy(() -> decodeAndProcess(new CsvProcessor(), decoder, "data.csv.gz", truncated))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("data.csv.gz is not valid gzip: ");
    }

    @Test
    void aGzipKeyWithoutGzipContentIsCorrupt() {
        assertThatThrownBy(() -> decode("data.csv.gz", utf8("a,b\n1,2\n")))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("data.csv.gz is not valid gzip: Not in GZIP format");
        assertThatThrownBy(() -> decode("empty.csv.gz", new byte[0]))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("empty.csv.gz is not valid gzip: ");
    }

    @Test
    void corruptDeflateDataIsCorrupt() {
        byte[] compressed = gzip(utf8("some text that compresses\n".repeat(100)));
        for (int i = 12; i < compressed.length - 8; i++) {
            compressed[i] = (byte) 0xff;
        }

        assertThatThrownBy(() -> decodeAndProcess(new TextProcessor(), decoder, "notes.txt.gz", compressed))
                .isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("notes.txt.gz is not valid gzip: ");
    }

    private DecodedContent decode(String key, byte[] stored) throws IOException {
        return decoder.decode(key, new ByteArrayInputStream(stored), false, stored.length);
    }

    private static void drain(InputStream in, long[] delivered) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            delivered[0] += n;
        }
    }

    /** {@code size} bytes of {@code value}, compressed about a thousandfold. */
    private static byte[] gzipped(byte value, long size) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, value);
            for (long written = 0; written < size; written += chunk.length) {
                gzip.write(chunk);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return compressed.toByteArray();
    }
}
