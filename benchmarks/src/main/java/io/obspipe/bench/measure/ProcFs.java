package io.obspipe.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Linux {@code /proc}: CPU time and peak resident memory of a process, busy time of the machine. */
final class ProcFs {

    /** Clock ticks per second of utime / stime (USER_HZ, 100 on Linux unless the kernel was built otherwise). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {
    }

    /** User + system CPU seconds the process has used so far; empty once it has ended. */
    static OptionalLong cpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ticksOf(stat));
    }

    private static long ticksOf(String stat) {
        // the command name in parentheses may hold spaces: fields are counted after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * User + system CPU ticks of the process's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}):
     * compiling is the warm-up's work, not the tasks'. Empty once the process has ended.
     */
    static OptionalLong compilerTicks(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long ticks = 0;
            for (Path thread : threads.toList()) {
                String stat = read(thread.resolve("stat"));
                if (stat != null && isCompilerThread(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                    ticks += ticksOf(stat);
                }
            }
            return OptionalLong.of(ticks);
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isCompilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /** VmHWM: the process's peak resident set so far, in bytes. */
    static OptionalLong peakRssBytes(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return OptionalLong.empty();
        }
        return status.lines().filter(line -> line.startsWith("VmHWM:")).findFirst()
                .map(line -> OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024))
                .orElse(OptionalLong.empty());
    }

    /** Busy and total ticks of all cores, from the first line of {@code /proc/stat}. */
    static long[] machineTicks() {
        String[] fields = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
