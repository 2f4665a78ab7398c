package io.obspipe.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Class-data sharing for an app jar, or for a child JVM's classpath ({@link #forClasspath}), so a started app maps
 * the classes it needs from an archive instead of loading and verifying them again. The JDK archives only classes
 * read from plain jars, so the app runs from its jar extracted with Spring Boot's {@code -Djarmode=tools extract}.
 * The archive is written when an app run without one ends: the first run is the training run and the runs after it
 * start from the archive. Which kind of archive depends on the java that runs the app ({@link Kind}). Nothing here
 * is required: a jar that cannot be extracted runs as it is, an app ended by {@code kill -9} leaves no archive
 * behind, and the JVM ignores an archive it cannot use.
 */
public final class ClassDataArchive {

    /** CDS prints a warning per class it cannot archive; the apps' logs stay JSON only. */
    static final String QUIET = "-Xlog:cds*=off";
    /** JDK 24+ logs the AOT cache's warnings under a tag of its own, which older JDKs reject as unknown. */
    static final String QUIET_AOT = "-Xlog:aot*=off";
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;
    private static final int SIGNALLED = 128;
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    /**
     * The kinds of archive. JDK 25's AOT cache (JEP 483, 514, 515) keeps the classes linked as well as loaded,
     * and the method profiles of the training run, so a start also compiles sooner; older JDKs get the dynamic
     * CDS archive (JDK 13+). Both ignore an archive that does not fit the jar or the JDK, with a warning.
     */
    enum Kind {
        CDS("class-data archive", "app.jsa", "-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=", List.of(QUIET), Duration.ZERO),
        /** A training run assembles the cache in a child JVM after it ended, which takes a while on a busy box. */
        AOT_CACHE("AOT cache", "app.aot", "-XX:AOTCache=", "-XX:AOTCacheOutput=", List.of(QUIET, QUIET_AOT), Duration.ofSeconds(90));

        private static final int FIRST_AOT_CACHE_RELEASE = 25;

        private final String label;
        private final String fileName;
        private final String use;
        private final String write;
        private final List<String> quiet;
        private final Duration assembly;

        Kind(String label, String fileName, String use, String write, List<String> quiet, Duration assembly) {
            this.label = label;
            this.fileName = fileName;
            this.use = use;
            this.write = write;
            this.quiet = quiet;
            this.assembly = assembly;
        }

        static Kind of(AppJava java) {
            return java.feature() >= FIRST_AOT_CACHE_RELEASE ? AOT_CACHE : CDS;
        }

        private List<String> options(String option, Path file) {
            List<String> options = new ArrayList<>(List.of(option + file));
            options.addAll(quiet);
            return List.copyOf(options);
        }
    }

    private final Path extractedJar;
    private final Kind kind;
    private final Path archive;

    ClassDataArchive(Path extractedJar, Path dir, Kind kind) {
        this.extractedJar = extractedJar;
        this.kind = kind;
        this.archive = dir.resolve(kind.fileName);
    }

    /**
     * The extracted copy of {@code jar} under {@code cacheDir}, keyed by the jar's content and the java that runs
     * it, so a rebuilt jar or another JDK gets a new copy and archive; empty (run the jar as it is) when it cannot
     * be extracted.
     */
    public static Optional<ClassDataArchive> forJar(Path jar, Path cacheDir, AppJava java) {
        try {
            String app = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            Path dir = cacheDir.resolve(app + "-" + contentKey(jar, java));
            Path extracted = dir.resolve("app").resolve(jar.getFileName());
            if (!Files.exists(extracted)) {
                extract(jar, dir);
            }
            return Optional.of(new ClassDataArchive(extracted, dir, Kind.of(java)));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * The archive of a main class run from {@code classpath}, a list of plain jars (the Kafka broker's, S3Proxy's),
     * under {@code cacheDir} and keyed by the jars and the java that runs them; empty when the folder cannot be made.
     * Always the dynamic archive: it is written as the JVM exits, so stopping the program takes no longer, and JDK 25
     * reads it too.
     */
    public static Optional<ClassDataArchive> forClasspath(String classpath, Path cacheDir, AppJava java) {
        try {
            Path dir = cacheDir.resolve("classpath-" + classpathKey(classpath, java));
            Files.createDirectories(dir);
            return Optional.of(new ClassDataArchive(null, dir, Kind.CDS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Each entry's path, size and time of change, and the JDK build: the JVM ignores an archive when any differs. */
    private static String classpathKey(String classpath, AppJava java) throws IOException {
        StringBuilder key = new StringBuilder(java.build());
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            key.append('\n').append(entry);
            if (Files.exists(path)) {
                key.append(' ').append(Files.size(path)).append(' ').append(Files.getLastModifiedTime(path).toMillis());
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spring Boot's own extraction, into a folder of its own first so a half-extracted copy is never used. */
    private static void extract(Path jar, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path staging = dir.resolve("extracting-" + UUID.randomUUID());
        Process extract = new ProcessBuilder(AppJava.current().executable().toString(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(),
                "extract", "--destination", staging.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!extract.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new IOException("cannot extract " + jar);
            }
        } catch (InterruptedException e) {
            extract.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + jar, e);
        }
        try {
            Files.move(staging, dir.resolve("app"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another launcher extracted the same jar meanwhile: its copy is as good
            if (!Files.exists(dir.resolve("app"))) {
                throw e;
            }
        }
    }

    /** The jar's content and the JDK that runs it: an archive is valid for one JDK build only. */
    private static String contentKey(Path jar, AppJava java) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(java.build().getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar to run: the extracted one, whose libraries are plain jars next to it; null for {@link #forClasspath}. */
    public Path jar() {
        return extractedJar;
    }

    public Path archive() {
        return archive;
    }

    Kind kind() {
        return kind;
    }

    /** One run of the app: the options it starts with, and what to do with its archive when it has ended. */
    public Run run() {
        if (Files.isRegularFile(archive)) {
            return new Run(kind.options(kind.use, archive), null);
        }
        // each run writes a file of its own: two apps ending at once must not write the same archive
        Path written = archive.resolveSibling("app-" + UUID.randomUUID() + "." + kind.fileName + ".part");
        return new Run(kind.options(kind.write, written), written);
    }

    /** A run with its JVM options; a training run ({@link #training()}) writes the archive when it ends. */
    public final class Run {

        private final List<String> jvmOptions;
        private final Path written;

        private Run(List<String> jvmOptions, Path written) {
            this.jvmOptions = jvmOptions;
            this.written = written;
        }

        public List<String> jvmOptions() {
            return jvmOptions;
        }

        public boolean training() {
            return written != null;
        }

        /** What the run starts from, or writes: e.g. {@code AOT cache} or {@code training class-data archive}. */
        public String describe() {
            return (training() ? "training " : "") + kind.label;
        }

        /** How much longer than usual the app may take to end: a training run may write its archive then. */
        public Duration extraStopTime() {
            return training() ? kind.assembly : Duration.ZERO;
        }

        /**
         * After the app ended with {@code exitCode}: the archive it wrote becomes the app's archive if the JVM
         * ended by itself, on SIGINT or on SIGTERM, which all finish writing it; after any other signal the file
         * may be cut short, and a JVM crashes on mapping a cut archive. A negative code: it has not ended.
         */
        public void ended(int exitCode) {
            if (written == null || !Files.isRegularFile(written)) {
                return;
            }
            boolean finished = exitCode >= 0 && exitCode <= SIGNALLED;
            if (!finished && exitCode != SIGNALLED + SIGINT && exitCode != SIGNALLED + SIGTERM) {
                discard();
                return;
            }
            try {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                discard();
            }
        }

        /** The archive this run was writing is not used. */
        public void discard() {
            if (written != null) {
                try {
                    Files.deleteIfExists(written);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + written, e);
                }
            }
        }
    }
}
