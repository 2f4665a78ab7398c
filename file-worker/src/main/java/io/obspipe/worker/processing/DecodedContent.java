package io.obspipe.worker.processing;

import java.io.InputStream;
import java.nio.charset.Charset;

/**
 * Content ready for a processor.
 *
 * @param stream      the content, decompressed if it was gzip, and as UTF-8 for a processor that reads text
 * @param contentKey  the object key without its compression suffix, for {@link FileProcessor#supports}
 * @param compressed  whether the stored object was gzip
 * @param charset     the charset text content was read in (the stream is UTF-8 all the same); null
 *                    for a processor that does not read text
 */
public record DecodedContent(InputStream stream, String contentKey, boolean compressed, Charset charset) {
}
