package io.obspipe.worker.processing;

import io.obspipe.model.SizeFormat;

import java.io.IOException;

/** Decompressed content grew past the configured limit (a likely decompression bomb). */
public class ContentTooLargeException extends IOException {

    public ContentTooLargeException(String key, long limitBytes) {
        super("decompressed content of " + key + " exceeds the limit of " + SizeFormat.format(limitBytes));
    }
}
