package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The java that runs the apps, which may be another JDK than the one running the launcher: its executable, its
 * feature release (17, 25, …) and its exact build, which class-data archives and AOT caches are valid for.
 */
public record AppJava(Path executable, int feature, String build) {

    /** The java running this launcher. */
    public static AppJava current() {
        return new AppJava(Path.of(System.getProperty("java.home"), "bin", "java"), Runtime.version().feature(),
                System.getProperty("java.vm.version"));
    }

    /** The java at {@code executable} ({@code <jdk>/bin/java}), read from its JDK's {@code release} file. */
    public static AppJava at(Path executable) {
        Path release = executable.toAbsolutePath().getParent().getParent().resolve("release");
        if (!Files.isExecutable(executable) || !Files.isRegularFile(release)) {
            throw new IllegalArgumentException(executable + " is not the java of a JDK or JRE (<home>/bin/java, with <home>/release)");
        }
        Map<String, String> fields;
        try {
            fields = Files.readAllLines(release).stream()
                    .filter(line -> line.contains("="))
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                            line -> line.substring(line.indexOf('=') + 1).replace("\"", ""), (a, b) -> b));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + release, e);
        }
        String version = fields.getOrDefault("JAVA_VERSION", "");
        String build = fields.getOrDefault("JAVA_RUNTIME_VERSION", version);
        try {
            return new AppJava(executable.toAbsolutePath(), Runtime.Version.parse(version).feature(),
                    fields.getOrDefault("IMPLEMENTOR", "") + " " + build);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(release + " names no Java version (JAVA_VERSION)", e);
        }
    }
}
