package io.obspipe.worker.processing;

import java.io.InputStream;

/**
 * Content ready for a processor.
 *
 * @param stream      the content, decompressed if it was gzip
 * @param contentKey  the object key without its compression suffix, for {@link FileProcessor#supports}
 * @param compressed  whether the stored object was gzip
 */
public record DecodedContent(InputStream stream, String contentKey, boolean compressed) {
}
