package io.obspipe.platform.storage;

import java.time.Instant;

public record StoredObject(String bucket, String key, long size, String etag, Instant lastModified) {
}
