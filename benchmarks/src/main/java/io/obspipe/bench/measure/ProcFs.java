package io.obspipe.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

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
        // the command name in parentheses may hold spaces: fields are counted after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
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
