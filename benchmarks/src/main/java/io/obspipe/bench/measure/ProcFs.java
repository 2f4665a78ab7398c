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

/** Linux {@code /proc}: CPU time, waits for a core and peak resident memory of a process, busy time of the machine. */
final class ProcFs {

    /** Clock ticks per second of utime / stime (USER_HZ, 100 on Linux unless the kernel was built otherwise). */
    static final double TICKS_PER_SECOND = 100.0;

    /** Whether this kernel counts each thread's wait for a core ({@code /proc/<pid>/task/<tid>/schedstat}). */
    static final boolean COUNTS_RUN_QUEUE_WAITS = Files.isReadable(Path.of("/proc/self/schedstat"));

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
     * What the kernel counts per thread of a process, by thread id: the CPU ticks of its JIT compiler threads
     * ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}; compiling is the warm-up's work, not the tasks'), and how long
     * each thread was runnable without a core (the run queue's delay in {@code schedstat}). The JVM starts and ends
     * threads as it goes, so a caller adds up each thread's growth between samples rather than the sum of the threads
     * alive at two moments. Empty once the process has ended.
     */
    static Optional<ThreadCounts> threadCounts(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            Map<Long, Long> compilerTicks = new HashMap<>();
            Map<Long, Long> runQueueNanos = new HashMap<>();
            for (Path thread : threads.toList()) {
                long id = Long.parseLong(thread.getFileName().toString());
                String stat = read(thread.resolve("stat"));
                if (stat != null && isCompilerThread(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                    compilerTicks.put(id, ticksOf(stat));
                }
                String schedstat = read(thread.resolve("schedstat"));
                if (schedstat != null) {
                    runQueueNanos.put(id, Long.parseLong(schedstat.trim().split(" ")[1]));
                }
            }
            return Optional.of(new ThreadCounts(compilerTicks, runQueueNanos));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param compilerTicks user + system CPU ticks of each JIT compiler thread
     * @param runQueueNanos of every thread, the nanoseconds it waited for a core while runnable (empty where the
     *                      kernel keeps no {@code schedstat})
     */
    record ThreadCounts(Map<Long, Long> compilerTicks, Map<Long, Long> runQueueNanos) {
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
