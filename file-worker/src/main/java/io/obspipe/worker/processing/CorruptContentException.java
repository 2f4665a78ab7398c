package io.obspipe.worker.processing;

import java.io.IOException;

/** The content is not what its format says (malformed JSON, invalid UTF-8, broken gzip, ...). */
public class CorruptContentException extends IOException {

    public CorruptContentException(String message) {
        super(message);
    }

    public CorruptContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
