package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run as a separate process on this machine, its output sent to a log file.
 * Stopping sends SIGTERM and waits; {@link #kill()} is {@code kill -9}. With a class-data archive
 * ({@link #sharingClassData}) it starts from the archive, or writes it when stopped if there is none yet.
 */
public final class ChildJvm implements AutoCloseable {

    private static volatile boolean ignoringTerminalInterrupts;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final ClassDataArchive classData;
    private Process process;
    private ClassDataArchive.Run classDataRun;

    private ChildJvm(String name, List<String> command, Map<String, String> environment, Path logFile, ClassDataArchive classData) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.classData = classData;
    }

    /** A main class on a classpath. */
    public static ChildJvm mainClass(String name, String classpath, String mainClass, List<String> jvmOptions,
                                     List<String> args, Map<String, String> environment, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(AppJava.current().executable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return new ChildJvm(name, command, environment, logFile, null);
    }

    /** An executable jar, run by the java at {@code java}. */
    public static ChildJvm jar(String name, Path java, Path jar, List<String> jvmOptions, List<String> args,
                               Map<String, String> environment, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return new ChildJvm(name, command, environment, logFile, null);
    }

    /** The same program, started from {@code archive} (each start after the one that wrote it). */
    public ChildJvm sharingClassData(ClassDataArchive archive) {
        return new ChildJvm(name, command, environment, logFile, archive);
    }

    /**
     * The same program, started from the class-data archive of its {@code classpath} kept under {@code cacheDir}
     * ({@link ClassDataArchive#forClasspath}); as it is when no archive can be kept there.
     */
    public ChildJvm sharingClassData(String classpath, Path cacheDir) {
        return ClassDataArchive.forClasspath(classpath, cacheDir, AppJava.current()).map(this::sharingClassData).orElse(this);
    }

    /**
     * Children started from now on ignore SIGINT, so a Ctrl+C in the terminal reaches only this JVM,
     * which can then stop them in order (the apps before the broker they must leave cleanly). The
     * caller takes on stopping them, e.g. from a shutdown hook; SIGTERM and kill still work.
     */
    public static void ignoreTerminalInterruptsInChildren() {
        ignoringTerminalInterrupts = true;
    }

    public synchronized ChildJvm start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            List<String> started = startCommand();
            ProcessBuilder builder = new ProcessBuilder(ignoringTerminalInterrupts ? ignoringInterrupt(started) : started)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> env = new LinkedHashMap<>(environment);
            builder.environment().putAll(env);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The command with the class-data archive's options after the java executable. */
    private List<String> startCommand() {
        if (classData == null) {
            return command;
        }
        classDataRun = classData.run();
        List<String> started = new ArrayList<>(command.subList(0, 1));
        started.addAll(classDataRun.jvmOptions());
        started.addAll(command.subList(1, command.size()));
        return started;
    }

    /** An ignored signal stays ignored across exec, and the JVM then installs no handler of its own for it. */
    private static List<String> ignoringInterrupt(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** Waits for the process to end on its own; returns its exit code, or -1 if it is still running. */
    public int waitForExit(Duration timeout) {
        Process current;
        synchronized (this) {
            current = process;
        }
        try {
            return current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? current.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within the grace period. Returns the exit code. */
    public synchronized int stop(Duration grace) {
        if (process == null) {
            return 0;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        if (classDataRun != null) {
            classDataRun.ended(exitCode);
        }
        return exitCode;
    }

    /** {@code kill -9}: no shutdown hook runs. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (classDataRun != null) {
                classDataRun.discard();
            }
        }
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
