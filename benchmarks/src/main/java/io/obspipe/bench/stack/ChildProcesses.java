package io.obspipe.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds this JVM's child processes by their command line (the launcher does not hand out process ids). */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** The id of the descendant whose command line contains {@code marker}; waits up to 10 s for it to appear. */
    static long pidRunning(String marker) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> match = ProcessHandle.current().descendants()
                    .filter(p -> commandLine(p.pid()).contains(marker))
                    .findFirst();
            if (match.isPresent()) {
                return match.get().pid();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no child process runs " + marker);
    }

    /** Read from /proc: ProcessHandle.Info leaves out long command lines such as the broker's classpath. */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
