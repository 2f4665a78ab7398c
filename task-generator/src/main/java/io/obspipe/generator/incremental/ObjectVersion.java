package io.obspipe.generator.incremental;

import io.obspipe.platform.storage.StoredObject;

/**
 * One version of an object as the manifest remembers it: its key and its ETag. A store that gives no ETag
 * (S3Proxy for files put into its folder by hand) is versioned by size and last-modified time instead.
 */
record ObjectVersion(String key, String version) {

    static ObjectVersion of(StoredObject object) {
        String etag = object.etag();
        if (etag != null && !etag.isBlank()) {
            return new ObjectVersion(object.key(), etag);
        }
        long modified = object.lastModified() == null ? 0 : object.lastModified().toEpochMilli();
        return new ObjectVersion(object.key(), "size:" + object.size() + ";modified:" + modified);
    }
}
