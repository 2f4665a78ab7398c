package io.obspipe.analysis.route;

import io.obspipe.model.ProcessingResult;
import io.obspipe.platform.config.PipelineConfigurationException;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which results are analysed: successful ones whose source key has one of the file types (ANALYSIS_FILE_TYPES, the
 * extension after the last dot, case-insensitive, one trailing {@code .gz} looked through as in TASK_ROUTES) and
 * starts with one of the prefixes (ANALYSIS_PREFIXES). An empty list does not restrict; both empty routes nothing.
 */
public final class AnalysisRoutes {

    private static final String GZIP = ".gz";

    private final Set<String> fileTypes;
    private final List<String> prefixes;

    private AnalysisRoutes(Set<String> fileTypes, List<String> prefixes) {
        this.fileTypes = fileTypes;
        this.prefixes = prefixes;
    }

    public static AnalysisRoutes of(List<String> fileTypes, List<String> prefixes) {
        Set<String> types = fileTypes.stream().map(String::strip).filter(type -> !type.isEmpty())
                .map(type -> (type.startsWith(".") ? type.substring(1) : type).toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (String type : types) {
            if (type.isEmpty() || type.contains(".") || type.contains("/")) {
                throw new PipelineConfigurationException("ANALYSIS_FILE_TYPES has '" + type
                        + "', but a file type is one extension such as csv (a trailing .gz is looked through).");
            }
        }
        List<String> cleanPrefixes = prefixes.stream().map(String::strip).filter(prefix -> !prefix.isEmpty()).distinct().toList();
        return new AnalysisRoutes(types, cleanPrefixes);
    }

    /** Nothing is routed: no file type and no prefix is set. */
    public boolean routesNothing() {
        return fileTypes.isEmpty() && prefixes.isEmpty();
    }

    public boolean routes(ProcessingResult result) {
        return !routesNothing() && result.succeeded() && result.source() != null && result.source().key() != null
                && result.destination() != null && matches(result.source().key());
    }

    boolean matches(String key) {
        return (prefixes.isEmpty() || prefixes.stream().anyMatch(key::startsWith))
                && (fileTypes.isEmpty() || fileTypes.contains(fileType(key)));
    }

    private static String fileType(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.regionMatches(true, name.length() - GZIP.length(), GZIP, 0, GZIP.length())) {
            name = name.substring(0, name.length() - GZIP.length());
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** For the startup line, e.g. {@code file types [csv, json], prefixes [reports/]}. */
    @Override
    public String toString() {
        return "file types " + (fileTypes.isEmpty() ? "any" : fileTypes) + ", prefixes " + (prefixes.isEmpty() ? "any" : prefixes);
    }
}
