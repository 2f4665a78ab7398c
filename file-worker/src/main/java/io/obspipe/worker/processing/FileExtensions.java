package io.obspipe.worker.processing;

import java.util.List;
import java.util.Locale;

/** The file-name extensions a processor handles, matched case-insensitively, e.g. {@code .csv}. */
record FileExtensions(List<String> extensions) {

    FileExtensions {
        extensions = extensions.stream().map(extension -> extension.toLowerCase(Locale.ROOT)).toList();
    }

    static FileExtensions of(String... extensions) {
        return new FileExtensions(List.of(extensions));
    }

    /** E.g. {@code csv (.csv, .tsv)}. */
    String describe(String processorName) {
        return processorName + " (" + String.join(", ", extensions) + ")";
    }

    boolean matches(String key) {
        String lowerKey = key.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(lowerKey::endsWith);
    }
}
