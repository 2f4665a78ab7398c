package io.obspipe.worker.processing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unwraps gzip content, recognised by a {@code .gz} / {@code .gzip} key suffix or by the gzip magic
 * bytes, so that a processor sees the plain content and {@code data.csv.gz} goes to the CSV
 * processor. The decompressed content is limited in size against decompression bombs. For a
 * processor that reads text, text in another charset than UTF-8 is then converted to UTF-8 (see
 * {@link Utf8Conversion}).
 */
public class ContentDecoder {

    /** The first bytes of text content that tell its charset, when neither a byte order mark nor the settings do. */
    public static final int SAMPLE_BYTES = Utf8Conversion.SAMPLE_BYTES;

    private static final List<String> GZIP_SUFFIXES = List.of(".gz", ".gzip");
    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;

    private final long maxDecompressedBytes;
    private final Utf8Conversion utf8;

    /** Text charsets auto-detected; see {@link #ContentDecoder(long, TextCharsets)}. */
    public ContentDecoder(long maxDecompressedBytes) {
        this(maxDecompressedBytes, TextCharsets.auto());
    }

    /**
     * {@code maxDecompressedBytes}: beyond it, reading gzip content fails with {@link ContentTooLargeException};
     * {@code charsets}: the charset text content is read in, by key.
     */
    public ContentDecoder(long maxDecompressedBytes, TextCharsets charsets) {
        if (maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive, got " + maxDecompressedBytes);
        }
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.utf8 = new Utf8Conversion(charsets);
    }

    /**
     * Gzip content is returned decompressed, and for a processor that {@code readsText} as UTF-8. A
     * gzip header that is invalid, binary content or text in a charset that is not recognised is
     * reported here, a failure later in the data when it is read; all as {@link CorruptContentException}.
     * {@code storedSize}: the bytes {@code raw} holds, which sizes the buffers; negative if not known.
     */
    public DecodedContent decode(String key, InputStream raw, boolean readsText, long storedSize) throws IOException {
        int bufferBytes = ReadBuffers.sizeFor(storedSize);
        BufferedInputStream buffered = new BufferedInputStream(raw, bufferBytes);
        String gzipSuffix = gzipSuffix(key);
        if (gzipSuffix == null && !startsWithGzipMagic(buffered)) {
            return asText(buffered, key, key, false, readsText);
        }
        GZIPInputStream gzip;
        try {
            gzip = new GZIPInputStream(buffered, bufferBytes);
        } catch (ZipException | EOFException e) {
            throw GzipFailureTranslatingInputStream.notValidGzip(key, e);
        }
        InputStream decompressed = new SizeLimitedInputStream(
                new GzipFailureTranslatingInputStream(gzip, key), key, maxDecompressedBytes);
        return asText(decompressed, key, contentKeyOf(key), true, readsText);
    }

    private DecodedContent asText(InputStream content, String key, String contentKey, boolean compressed, boolean readsText)
            throws IOException {
        if (!readsText) {
            return new DecodedContent(content, contentKey, compressed, null);
        }
        Utf8Conversion.Converted text = utf8.toUtf8(content, key);
        return new DecodedContent(text.stream(), contentKey, compressed, text.charset());
    }

    /**
     * The key a processor is chosen by: {@code key} without a {@code .gz} / {@code .gzip} suffix. Gzip
     * content found only by its magic bytes keeps its key, as in {@link #decode}.
     */
    public static String contentKeyOf(String key) {
        String gzipSuffix = gzipSuffix(key);
        return gzipSuffix == null ? key : key.substring(0, key.length() - gzipSuffix.length());
    }

    private static String gzipSuffix(String key) {
        String lowerKey = key.toLowerCase(Locale.ROOT);
        return GZIP_SUFFIXES.stream().filter(lowerKey::endsWith).findFirst().orElse(null);
    }

    /** Safe for text formats: 0x8b cannot follow 0x1f in UTF-8, so no valid text starts this way. */
    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        boolean magic = in.read() == GZIP_MAGIC_FIRST && in.read() == GZIP_MAGIC_SECOND;
        in.reset();
        return magic;
    }
}
