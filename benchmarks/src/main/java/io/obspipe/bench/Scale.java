package io.obspipe.bench;

import java.util.List;
import java.util.Locale;

/**
 * How big each scenario is. {@code full} is the size; {@code small} keeps every scenario
 * meaningful in a few minutes; {@code smoke} only proves the harness works (the test suite runs it).
 *
 * @param smallFiles        objects of about 2 KB through generator, worker and notifier
 * @param concurrencyFiles  objects per step of the concurrency curve
 * @param poolSizes         POOL_SIZE of the one-process steps
 * @param twoProcessPool    POOL_SIZE of each of the two processes of the last step
 * @param largeFileBytes    size of the large CSV
 * @param notifierEvents    result events pre-loaded for the notifier
 * @param generatorObjects  real objects listed and published by the generator (S3Proxy's file-system store
 *                          reads the whole folder for every listing page, so a bigger count measures S3Proxy)
 * @param simulatedObjects  objects of the simulated listing (listed and published, then rescanned with nothing new)
 * @param curveObjects      objects of the simulated listing with page latency, per step of the parallel-listing curve
 * @param listRanges        GENERATOR_LIST_PARALLELISM of the steps of the parallel-listing curve
 * @param pageLatencies     milliseconds per listing page of each parallel-listing curve
 * @param steadyRate        tasks per second of the steady load
 * @param steadySeconds     how long the steady load lasts
 * @param appJvmOptions     extra JVM options of the apps: the smoke scale trades peak speed for start-up
 *                          time (C1 only, serial GC), since there the apps start more than they work
 */
public record Scale(String name, int smallFiles, int concurrencyFiles, List<Integer> poolSizes, int twoProcessPool,
                    long largeFileBytes, int notifierEvents, int generatorObjects, long simulatedObjects, long curveObjects,
                    List<Integer> listRanges, List<Long> pageLatencies,
                    int steadyRate, int steadySeconds, String appJvmOptions) {

    public static final int WORKER_POOL = 4;

    public static Scale smoke() {
        return new Scale("smoke", 50, 40, List.of(), 1, 5L << 20, 5_000, 1_000, 10_000, 10_000, List.of(1, 2), List.of(30L), 100, 3,
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    public static Scale small() {
        return new Scale("small", 2_000, 2_000, List.of(1, 2, 4, 8), 4, 500L << 20, 100_000, 10_000, 1_000_000, 200_000, List.of(1, 2, 4, 8), List.of(30L, 150L), 100, 20, "");
    }

    public static Scale full() {
        return new Scale("full", 20_000, 20_000, List.of(1, 2, 4, 8), 4, 5_000_000_000L, 1_000_000, 20_000, 10_000_000, 1_000_000, List.of(1, 2, 4, 8), List.of(30L, 150L), 100, 60, "");
    }

    public static Scale named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> smoke();
            case "small" -> small();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown scale '" + name + "': use smoke, small or full");
        };
    }
}
