package io.obspipe.worker.processing;

import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.commons.io.input.ReaderInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Brings text content to UTF-8 for the processors, which read UTF-8 only. Its charset is the one its
 * byte order mark names, else the one set for its key ({@link TextCharsets}), else the one recognised
 * from its first bytes ({@link CharsetDetection}). UTF-8 content goes on as it is; content in another
 * charset is decoded strictly, a byte sequence invalid in that charset failing as corrupt content
 * that names it, and re-encoded as UTF-8.
 */
final class Utf8Conversion {

    static final int SAMPLE_BYTES = 64 * 1024;

    private final TextCharsets charsets;

    Utf8Conversion(TextCharsets charsets) {
        this.charsets = charsets;
    }

    /** The content as UTF-8 without a byte order mark, and the charset it was read in. */
    Converted toUtf8(InputStream content, String key) throws IOException {
        BOMInputStream withoutMark = BOMInputStream.builder().setInputStream(content)
                .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16BE, ByteOrderMark.UTF_16LE,
                        ByteOrderMark.UTF_32BE, ByteOrderMark.UTF_32LE)
                .get();
        String markCharset = withoutMark.getBOMCharsetName();
        if (markCharset != null) {
            Charset charset = Charset.forName(markCharset);
            return converted(withoutMark, charset, charset.name() + " (the charset its byte order mark names)", key);
        }
        Optional<Charset> configured = charsets.forKey(key);
        if (configured.isPresent()) {
            Charset charset = configured.get();
            if (charset.equals(StandardCharsets.UTF_8)) {
                return new Converted(withoutMark, charset);
            }
            String description = charset.name() + " (the charset " + charsets.settingFor(key) + " sets)";
            if (textHoldsNulBytes(charset)) {
                return converted(withoutMark, charset, description, key);
            }
            byte[] sample = withoutMark.readNBytes(SAMPLE_BYTES);
            CharsetDetection.requireNoNulBytes(sample, sample.length, key);
            return converted(rejoined(sample, withoutMark), charset, description, key);
        }
        byte[] sample = withoutMark.readNBytes(SAMPLE_BYTES);
        Charset detected = CharsetDetection.detect(sample, sample.length, sample.length < SAMPLE_BYTES, key);
        return converted(rejoined(sample, withoutMark), detected, detected.name() + " (the charset recognised from its first bytes)", key);
    }

    private static Converted converted(InputStream content, Charset charset, String description, String key) throws IOException {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return new Converted(content, charset);
        }
        InputStream utf8 = ReaderInputStream.builder()
                .setReader(new StrictTextReader(content, charset, description, key))
                .setCharset(StandardCharsets.UTF_8)
                .get();
        return new Converted(utf8, charset);
    }

    /** UTF-16 and UTF-32 text holds NUL bytes: a line break alone takes more than one byte. */
    private static boolean textHoldsNulBytes(Charset charset) {
        return charset.canEncode() && "\n".getBytes(charset).length > 1;
    }

    private static InputStream rejoined(byte[] sample, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(sample), rest);
    }

    /**
     * @param stream  the text as UTF-8
     * @param charset the charset the content was read in
     */
    record Converted(InputStream stream, Charset charset) {
    }
}
