package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** One of the pipeline's apps run from its executable jar, logging to {@code <logsDir>/<app>.log}. */
public final class AppProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildJvm jvm;
    private final Optional<ClassDataArchive.Run> archiveRun;

    private AppProcess(ChildJvm jvm, Optional<ClassDataArchive.Run> archiveRun) {
        this.jvm = jvm;
        this.archiveRun = archiveRun;
    }

    /** Starts the app with a fresh log: the log of an earlier run would mislead whoever reads it. */
    public static AppProcess start(String app, Path jar, String maxHeap, Map<String, String> environment, Path logsDir) {
        return start(app, jar, maxHeap, environment, logsDir, Optional.empty(), AppJava.current());
    }

    /**
     * As {@link #start(String, Path, String, Map, Path)}, run by {@code java} and with class-data sharing: the app
     * runs from its jar extracted under {@code classDataCache}, from the archive an earlier run wrote, or writes it
     * (see {@link ClassDataArchive}); empty runs the jar as it is.
     */
    public static AppProcess start(String app, Path jar, String maxHeap, Map<String, String> environment, Path logsDir,
                                   Optional<Path> classDataCache, AppJava java) {
        Path logFile = logsDir.resolve(app + ".log");
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old log " + logFile, e);
        }
        Optional<ClassDataArchive> archive = classDataCache.flatMap(cache -> ClassDataArchive.forJar(jar, cache, java));
        Optional<ClassDataArchive.Run> run = archive.map(ClassDataArchive::run);
        List<String> options = new ArrayList<>(List.of("-Xmx" + maxHeap));
        run.ifPresent(r -> options.addAll(r.jvmOptions()));
        Path launched = archive.map(ClassDataArchive::jar).orElse(jar);
        return new AppProcess(ChildJvm.jar(app, java.executable(), launched, options, List.of(), environment, logFile).start(), run);
    }

    public long pid() {
        return jvm.pid();
    }

    /**
     * How the app started: {@code none} (its jar as it is), or what it starts from or writes (see
     * {@link ClassDataArchive.Run#describe()}).
     */
    public String classData() {
        return archiveRun.map(ClassDataArchive.Run::describe).orElse("none");
    }

    public String name() {
        return jvm.name();
    }

    /** Waits until the app accepts connections on {@code port}; throws with the log's tail if it does not. */
    public void awaitPort(int port, Duration timeout) {
        if (!Ports.await(timeout, jvm, () -> Ports.isOpen(port))) {
            String state = jvm.isAlive() ? "did not open port " + port + " within " + timeout.toSeconds() + " s"
                    : "exited with code " + jvm.waitForExit(Duration.ZERO);
            throw new IllegalStateException(name() + " " + state + "; the end of " + jvm.logFile() + ":\n" + jvm.logTail(30));
        }
    }

    /** The exit code, or -1 if it is still running after {@code timeout}. */
    public int waitForExit(Duration timeout) {
        int exit = jvm.waitForExit(timeout);
        if (exit >= 0) {
            archiveRun.ifPresent(run -> run.ended(exit));
        }
        return exit;
    }

    /**
     * Waits until {@code find} reads something in the log; empty if the app ended or {@code timeout} passed
     * before it did.
     */
    public <T> Optional<T> awaitInLog(Function<List<String>, Optional<T>> find, Duration timeout) {
        Ports.await(timeout, jvm, () -> find.apply(logLines()).isPresent());
        return find.apply(logLines());
    }

    public List<String> logLines() {
        try {
            // decoded leniently: a malformed byte in an app's output must not hide the rest of the log
            return new String(Files.readAllBytes(jvm.logFile()), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jvm.logFile(), e);
        }
    }

    public String logTail(int lines) {
        return jvm.logTail(lines);
    }

    public Path logFile() {
        return jvm.logFile();
    }

    /**
     * SIGTERM and wait for the app to end (30 s grace, longer if it writes an archive then; then {@code kill -9});
     * returns its exit code.
     */
    public int stop() {
        int exit = jvm.stop(STOP_GRACE.plus(archiveRun.map(ClassDataArchive.Run::extraStopTime).orElse(Duration.ZERO)));
        archiveRun.ifPresent(run -> run.ended(exit));
        return exit;
    }

    /** {@code kill -9}: the app gets no chance to finish anything. */
    public void kill() {
        jvm.kill();
        archiveRun.ifPresent(ClassDataArchive.Run::discard);
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGTERM, so the app shuts down gracefully; {@code kill -9} if it has not ended after 30 s. */
    @Override
    public void close() {
        stop();
    }
}
