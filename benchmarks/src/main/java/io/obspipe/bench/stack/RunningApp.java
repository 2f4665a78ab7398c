package io.obspipe.bench.stack;

import io.obspipe.bench.measure.JfrSummary;
import io.obspipe.localstack.AppProcess;

import java.nio.file.Path;
import java.time.Duration;

/** An app started by the harness: its process id (for /proc) and the flight recording it writes at exit. */
public final class RunningApp implements AutoCloseable {

    private final AppProcess process;
    private final long pid;
    private final Path recording;
    private final int httpPort;

    RunningApp(AppProcess process, long pid, Path recording, int httpPort) {
        this.process = process;
        this.pid = pid;
        this.recording = recording;
        this.httpPort = httpPort;
    }

    public String name() {
        return process.name();
    }

    public long pid() {
        return pid;
    }

    public AppProcess process() {
        return process;
    }

    /** The app's HTTP port; 0 for the generator, which serves none. */
    public int httpPort() {
        return httpPort;
    }

    /** Waits until the app's HTTP port answers (the apps open it once started). */
    public void awaitReady() {
        if (httpPort == 0) {
            throw new IllegalStateException(name() + " serves no HTTP port to wait for");
        }
        process.awaitPort(httpPort, BenchStack.APP_START);
    }

    /** Waits for a one-shot app (the generator) to end; fails with its log's tail on a non-zero exit. */
    public void awaitSuccessfulExit(Duration timeout) {
        int exit = process.waitForExit(timeout);
        if (exit != 0) {
            throw new IllegalStateException(name() + (exit < 0 ? " did not finish within " + timeout.toSeconds() + " s"
                    : " exited with " + exit) + ":\n" + process.logTail(30));
        }
    }

    /** Stops the app (SIGTERM, so its flight recording is written) and reads the recording. */
    public JfrSummary stopAndProfile() {
        process.stop();
        return JfrSummary.read(recording);
    }

    /** The recording of an app that has already ended by itself. */
    public JfrSummary profile() {
        return JfrSummary.read(recording);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.stop();
        }
    }
}
