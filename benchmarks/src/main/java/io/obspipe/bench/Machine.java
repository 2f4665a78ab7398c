package io.obspipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The machine a run was taken on, for the report: figures only compare within one machine and one run. */
record Machine(int cores, String memory, String java, String date, String loadAtStart) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotal(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), read("/proc/loadavg"));
    }

    private static String memTotal() {
        return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)).orElse("?");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
