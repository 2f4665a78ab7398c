package io.obspipe.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
     * User + system CPU ticks of each of the process's JIT compiler threads ({@code C1 CompilerThre…},
     * {@code C2 CompilerThre…}), by thread id: compiling is the warm-up's work, not the tasks'. The JVM starts and
     * ends compiler threads as the queue of methods to compile grows and shrinks, so a caller adds up each thread's
     * growth between samples rather than the sum of the threads alive at two moments. Empty once the process has ended.
     */
    static Optional<Map<Long, Long>> compilerThreadTicks(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            Map<Long, Long> ticks = new HashMap<>();
            for (Path thread : threads.toList()) {
                String stat = read(thread.resolve("stat"));
                if (stat != null && isCompilerThread(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                    ticks.put(Long.parseLong(thread.getFileName().toString()), ticksOf(stat));
                }
            }
            return Optional.of(ticks);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
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
