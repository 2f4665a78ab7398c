package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's folders: the root (system property {@code pipeline.root}, set by the
 * build, else the nearest parent folder holding {@code mvnw}), the app jars and the runtime
 * classpath files written by {@code local-stack/*-runtime}.
 */
public final class ProjectLayout {

    private final Path root;

    private ProjectLayout(Path root) {
        this.root = root;
    }

    public static ProjectLayout locate() {
        String configured = System.getProperty("pipeline.root");
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("cannot find the project root: run from inside the repository or set -Dpipeline.root");
    }

    public Path root() {
        return root;
    }

    /** The classpath of a child JVM, as written by {@code local-stack/<runtime>/target/runtime.classpath}. */
    public String runtimeClasspath(String runtime) {
        Path file = root.resolve("local-stack").resolve(runtime).resolve("target").resolve("runtime.classpath");
        try {
            String classpath = Files.readString(file).trim();
            if (classpath.isEmpty()) {
                throw new IllegalStateException(file + " is empty");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + ": build the project first (./mvnw -DskipTests install)", e);
        }
    }

    /**
     * Where the class-data archives of a child JVM's classpath are kept: beside its classpath file, so a clean build
     * removes them with it.
     */
    public Path classDataCache(String runtime) {
        return root.resolve("local-stack").resolve(runtime).resolve("target").resolve("class-data");
    }

    /** The executable jar of an app module, e.g. {@code file-worker/target/file-worker.jar}. */
    public Path appJar(String app) {
        Path jar = root.resolve(app).resolve("target").resolve(app + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build the project first (./mvnw -DskipTests install)");
        }
        return jar;
    }
}
