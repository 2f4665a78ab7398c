package io.obspipe.platform.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The app's view of object storage (Huawei Cloud OBS or any S3-compatible store). No SDK type
 * crosses this interface; failures are {@link StorageException}s that say whether a retry can help.
 */
public interface ObjectStore {

    /**
     * Every object under {@code prefix}, fetched page by page as the stream is consumed (memory does
     * not grow with the bucket). Folder markers (keys ending in {@code /}) are skipped.
     * Close the stream when done.
     */
    default Stream<StoredObject> list(String bucket, String prefix) {
        return list(bucket, prefix, null);
    }

    /**
     * As {@link #list(String, String)}, starting after the key {@code startAfter} (null = from the first key).
     * Keys come in the store's order: ascending by their UTF-8 bytes on OBS and S3.
     */
    Stream<StoredObject> list(String bucket, String prefix, String startAfter);

    /**
     * The "folders" directly under {@code prefix}: the distinct key beginnings up to and including the next
     * {@code delimiter}, in key order (ListObjects with a delimiter, every page).
     */
    List<String> commonPrefixes(String bucket, String prefix, String delimiter);

    /** Size, etag and last-modified of one object. */
    StoredObject stat(String bucket, String key);

    /** Opens the object's content; the caller must close the stream (it holds an HTTP connection). */
    InputStream open(String bucket, String key);

    /**
     * Opens the bytes {@code startInclusive..endInclusive} of the object (an HTTP range GET); a range
     * past the end is cut at the object's end, one that starts at or past it (an empty object) gives no bytes.
     * The caller must close the stream.
     */
    InputStream open(String bucket, String key, long startInclusive, long endInclusive);

    /** Uploads a file; the length is always sent. Overwrites an existing object with the same key. */
    void upload(String bucket, String key, Path source, String contentType);

    boolean bucketExists(String bucket);

    void createBucket(String bucket);
}
