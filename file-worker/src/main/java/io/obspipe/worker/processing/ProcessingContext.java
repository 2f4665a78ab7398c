package io.obspipe.worker.processing;

/**
 * What a processor may know about the object besides its content.
 *
 * @param key         the full object key as in the task (may end in .gz)
 * @param contentKey  the key with the compression suffix removed (what {@link FileProcessor#supports} saw)
 * @param compressed  true if the content was gzip and has been decompressed for the processor
 * @param storedSize  size of the object as stored (compressed size for gzip)
 */
public record ProcessingContext(String key, String contentKey, boolean compressed, long storedSize) {
}
