package io.obspipe.worker.processing;

import org.mozilla.universalchardet.UniversalDetector;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Recognises the charset of text from its first bytes: UTF-8 when they are valid UTF-8 (plain ASCII
 * is), otherwise what Mozilla's universal charset detector (juniversalchardet) recognises, e.g.
 * GB18030 for the GBK of Excel on Chinese Windows, Big5, Shift_JIS, EUC-KR or windows-1252. Content
 * with NUL bytes, or that the detector does not recognise, is not text this worker can read.
 */
final class CharsetDetection {

    private CharsetDetection() {
    }

    /**
     * @param wholeContent whether the sample is all of the content (else a multi-byte sequence may be
     *                     cut off at its end)
     * @throws CorruptContentException if the content holds NUL bytes or its charset is not recognised
     */
    static Charset detect(byte[] sample, int length, boolean wholeContent, String key) throws CorruptContentException {
        long invalidUtf8At = firstInvalidUtf8(sample, length, wholeContent);
        if (invalidUtf8At < 0) {
            return StandardCharsets.UTF_8;
        }
        requireNoNulBytes(sample, length, key);
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(sample, 0, length);
        detector.dataEnd();
        Charset charset = supported(detector.getDetectedCharset());
        if (charset == null) {
            throw new CorruptContentException(key + " is not valid UTF-8 (invalid byte sequence at byte offset " + invalidUtf8At
                    + ") and its charset was not recognised; if it is text, name its charset in WORKER_CHARSET_BY_PREFIX or WORKER_CHARSET");
        }
        return charset;
    }

    /** Text in GB18030, windows-1252 and the like never holds a NUL byte; binary content almost always does. */
    static void requireNoNulBytes(byte[] sample, int length, String key) throws CorruptContentException {
        for (int i = 0; i < length; i++) {
            if (sample[i] == 0) {
                throw new CorruptContentException(key + " is binary, not text: it holds a NUL byte at byte offset " + i);
            }
        }
    }

    private static long firstInvalidUtf8(byte[] sample, int length, boolean wholeContent) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(sample, 0, length);
        CoderResult result = decoder.decode(bytes, CharBuffer.allocate(length), wholeContent);
        if (result.isError()) {
            return bytes.position();
        }
        return -1;
    }

    private static Charset supported(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
