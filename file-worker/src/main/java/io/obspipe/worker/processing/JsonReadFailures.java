package io.obspipe.worker.processing;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;

import java.io.IOException;

/** Turns what Jackson's streaming parser throws into the exceptions {@link FileProcessor#process} promises. */
final class JsonReadFailures {

    private JsonReadFailures() {
    }

    /**
     * An I/O failure of the content stream (invalid UTF-8, broken gzip, size limit, network) comes
     * back as itself; anything else Jackson rejects is corrupt content, located by line and column.
     */
    static IOException translate(JacksonException failure, String key, String format) {
        return translate(failure, key, format, 0);
    }

    /** As {@link #translate(JacksonException, String, String)} for content read from after {@code linesBefore} lines. */
    static IOException translate(JacksonException failure, String key, String format, long linesBefore) {
        if (failure instanceof JacksonIOException ioFailure) {
            return ioFailure.getCause();
        }
        return new CorruptContentException(key + " is not valid " + format + " " + where(failure.getLocation(), linesBefore)
                + ": " + failure.getOriginalMessage(), failure);
    }

    static String where(TokenStreamLocation location) {
        return where(location, 0);
    }

    private static String where(TokenStreamLocation location, long linesBefore) {
        if (location == null || location == TokenStreamLocation.NA) {
            return "(position unknown)";
        }
        return "at line " + (linesBefore + location.getLineNr()) + ", column " + location.getColumnNr();
    }
}
