package io.obspipe.notifier.sink;

import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;

import java.util.Locale;

/** Null-safe access to the nested fields of a result that sinks report. */
public final class ResultFields {

    private ResultFields() {
    }

    /** The processed object's key ({@code source.key}), the seed's {@code file_key}. */
    public static String sourceKey(ProcessingResult result) {
        return key(result.source());
    }

    /** The result object's key ({@code destination.key}); none when processing failed. */
    public static String destinationKey(ProcessingResult result) {
        return key(result.destination());
    }

    /** The error code as on the wire ({@code corrupt_content}); none when the producer sent none. */
    public static String errorCode(ProcessingResult result) {
        return result.errorCode() == null ? null : result.errorCode().name().toLowerCase(Locale.ROOT);
    }

    private static String key(ObjectLocation location) {
        return location == null ? null : location.key();
    }
}
