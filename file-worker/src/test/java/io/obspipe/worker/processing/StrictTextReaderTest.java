package io.obspipe.worker.processing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;

import static io.obspipe.worker.processing.ProcessorFixtures.process;
import static io.obspipe.worker.processing.ProcessorFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictTextReaderTest {

    @Test
    void decodesMultiByteCharactersSplitAcrossBufferBoundaries() throws IOException {
        String text = "é€𝄞a\n".repeat(20_000);

        assertThat(readAll(utf8(text))).isEqualTo(text);
    }

    @Test
    void skipsALeadingByteOrderMarkOnly() throws IOException {
        assertThat(readAll(utf8("\uFEFFa\uFEFFb"))).isEqualTo("a\uFEFFb");
    }

    @Test
    void namesTheLineAndByteOffsetOfAnInvalidSequenceFarIntoTheContent() {
        String lines = "abcdefghi\n".repeat(10_000);
        byte[] valid = utf8(lines);
        byte[] content = new byte[valid.length + 3];
        System.arraycopy(valid, 0, content, 0, valid.length);
        content[valid.length] = 'x';
        content[valid.length + 1] = (byte) 0xc3; // a two-byte sequence whose second byte is not a continuation
        content[valid.length + 2] = 'y';

        assertThatThrownBy(() -> readAll(content))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("k.txt is not valid UTF-8: invalid byte sequence on line 10001 (byte offset 100001)");
    }

    @Test
    void rejectsASequenceCutOffAtTheEnd() {
        byte[] euroWithoutLastByte = {'a', (byte) 0xe2, (byte) 0x82};

        assertThatThrownBy(() -> readAll(euroWithoutLastByte))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("k.txt is not valid UTF-8: invalid byte sequence on line 1 (byte offset 1)");
    }

    @Test
    void rejectsEncodedSurrogatesAndOverlongForms() {
        assertThatThrownBy(() -> readAll(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
                .isInstanceOf(CorruptContentException.class);
        assertThatThrownBy(() -> readAll(new byte[] {(byte) 0xc0, (byte) 0xaf}))
                .isInstanceOf(CorruptContentException.class);
    }

    @ParameterizedTest
    @MethodSource("io.obspipe.worker.processing.ProcessorFixtures#builtInProcessors")
    void everyTextProcessorRejectsLatin1(FileProcessor processor) {
        byte[] latin1 = {'[', '1', ',', '\n', '"', 'c', 'a', 'f', (byte) 0xe9, '"', ']', '\n'};

        assertThatThrownBy(() -> process(processor, "latin1.data", latin1))
                .isInstanceOf(CorruptContentException.class)
                .hasMessage("latin1.data is not valid UTF-8: invalid byte sequence on line 2 (byte offset 8)");
    }

    private static String readAll(byte[] content) throws IOException {
        StringWriter text = new StringWriter();
        try (Reader reader = StrictTextReader.utf8(new ByteArrayInputStream(content), "k.txt")) {
            char[] small = new char[7];
            for (int n = reader.read(small); n >= 0; n = reader.read(small)) {
                text.write(small, 0, n);
            }
        }
        return text.toString();
    }
}
