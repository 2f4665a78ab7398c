package io.obspipe.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Class-data sharing (CDS) for an app jar, so a started app maps the classes it needs from an archive instead
 * of loading and verifying them again. The JDK archives only classes read from plain jars, so the app runs
 * from its jar extracted with Spring Boot's {@code -Djarmode=tools extract}; the archive is the JDK's dynamic
 * one, written when an app run without an archive ends ({@code -XX:ArchiveClassesAtExit}): the first run is
 * the training run and the runs after it start from the archive. Nothing here is required: a jar that cannot
 * be extracted runs as it is, and an app ended by {@code kill -9} leaves no archive behind.
 */
public final class ClassDataArchive {

    /** CDS prints a warning per class it cannot archive; the apps' logs stay JSON only. */
    static final String QUIET = "-Xlog:cds*=off";
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;
    private static final int SIGNALLED = 128;
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    private final Path extractedJar;
    private final Path archive;

    ClassDataArchive(Path extractedJar, Path archive) {
        this.extractedJar = extractedJar;
        this.archive = archive;
    }

    /**
     * The extracted copy of {@code jar} under {@code cacheDir}, keyed by the jar's content so a rebuilt jar
     * gets a new copy and archive; empty (run the jar as it is) when it cannot be extracted.
     */
    public static Optional<ClassDataArchive> forJar(Path jar, Path cacheDir) {
        try {
            String app = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            Path dir = cacheDir.resolve(app + "-" + contentKey(jar));
            Path extracted = dir.resolve("app").resolve(jar.getFileName());
            if (!Files.exists(extracted)) {
                extract(jar, dir);
            }
            return Optional.of(new ClassDataArchive(extracted, dir.resolve("app.jsa")));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Spring Boot's own extraction, into a folder of its own first so a half-extracted copy is never used. */
    private static void extract(Path jar, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path staging = dir.resolve("extracting-" + UUID.randomUUID());
        Process extract = new ProcessBuilder(javaExecutable(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(),
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
    private static String contentKey(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar to run: the extracted one, whose libraries are plain jars next to it. */
    public Path jar() {
        return extractedJar;
    }

    public Path archive() {
        return archive;
    }

    /** One run of the app: the options it starts with, and what to do with its archive when it has ended. */
    public Run run() {
        if (Files.isRegularFile(archive)) {
            return new Run(List.of("-XX:SharedArchiveFile=" + archive, QUIET), null);
        }
        // each run writes a file of its own: two apps ending at once must not write the same archive
        Path written = archive.resolveSibling("app-" + UUID.randomUUID() + ".jsa.part");
        return new Run(List.of("-XX:ArchiveClassesAtExit=" + written, QUIET), written);
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
