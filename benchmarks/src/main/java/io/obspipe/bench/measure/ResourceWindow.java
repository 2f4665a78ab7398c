package io.obspipe.bench.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU, time waited for a core and peak resident memory of named processes over a measured window, sampled from
 * {@code /proc} every 200 ms (a process that ends inside the window keeps its last sample), plus how busy the whole
 * machine was: on a shared 2-core box that says whether a figure was CPU-bound, and a process whose threads waited
 * long for a core was held back by the others rather than by its own work.
 */
public final class ResourceWindow implements AutoCloseable {

    private final Map<String, Sampled> processes = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "resource-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNanos = System.nanoTime();
    private final long[] machineStart = ProcFs.machineTicks();
    private long[] machineEnd;
    private long endNanos;

    private ResourceWindow(Map<String, Long> pids) {
        pids.forEach(this::add);
        sampler.scheduleAtFixedRate(this::sample, 200, 200, TimeUnit.MILLISECONDS);
    }

    public static ResourceWindow start(Map<String, Long> pids) {
        return new ResourceWindow(pids);
    }

    /** Starts following a process that began after the window opened (e.g. the generator). */
    public synchronized void add(String name, long pid) {
        processes.put(name, new Sampled(pid));
    }

    private synchronized void sample() {
        processes.values().forEach(Sampled::sample);
    }

    /** Ends the window; the usage is read with {@link #usage()}. */
    public synchronized ResourceWindow stop() {
        if (endNanos == 0) {
            sampler.shutdownNow();
            processes.values().forEach(Sampled::sample);
            endNanos = System.nanoTime();
            machineEnd = ProcFs.machineTicks();
        }
        return this;
    }

    public synchronized Map<String, Usage> usage() {
        stop();
        double seconds = (endNanos - startNanos) / 1e9;
        Map<String, Usage> usage = new LinkedHashMap<>();
        processes.forEach((name, sampled) -> usage.put(name,
                new Usage(sampled.cpuSeconds(), sampled.cpuSeconds() / seconds, sampled.compilerSeconds(), sampled.waitedSeconds(),
                        sampled.peakRss)));
        return usage;
    }

    /**
     * CPU of each process between two instants inside the window (epoch ms), from the last sample before the first to the
     * first sample after the second, e.g. the second half of a run, once the JVMs are warm.
     */
    public synchronized Map<String, Usage> usageBetween(long fromEpochMillis, long toEpochMillis) {
        Map<String, Usage> usage = new LinkedHashMap<>();
        processes.forEach((name, sampled) -> usage.put(name, sampled.between(fromEpochMillis, toEpochMillis)));
        return usage;
    }

    /** Share of all cores' time that was busy during the window, 0..1. */
    public synchronized double machineBusy() {
        stop();
        long total = machineEnd[1] - machineStart[1];
        return total == 0 ? 0 : (double) (machineEnd[0] - machineStart[0]) / total;
    }

    public double seconds() {
        stop();
        return (endNanos - startNanos) / 1e9;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * @param cpuSeconds user + system CPU time used in the window
     * @param cores      cpuSeconds per wall-clock second (1.0 = one core fully busy)
     * @param compilerSeconds of cpuSeconds, what the JIT compiler threads used (0 for a process that is not a JVM)
     * @param waitedSeconds how long its threads were runnable without a core, summed over the threads (thread-seconds;
     *                      NaN where the kernel does not count it)
     * @param peakRss    VmHWM at the last sample: the peak over the process's whole life, in bytes
     */
    public record Usage(double cpuSeconds, double cores, double compilerSeconds, double waitedSeconds, long peakRss) {

        /** CPU seconds of everything but JIT compilation: the process's own work once warm. */
        public double cpuSecondsWithoutCompiler() {
            return cpuSeconds - compilerSeconds;
        }
    }

    private record Tick(long epochMillis, long ticks, long compilerTicks, long waitedNanos) {
    }

    private static final class Sampled {

        private final long pid;
        private long firstTicks = -1;
        private long lastTicks = -1;
        private final ThreadCounterGrowth compilerThreads = new ThreadCounterGrowth();
        private final ThreadCounterGrowth runQueue = new ThreadCounterGrowth();
        private long peakRss;
        private final List<Tick> history = new ArrayList<>();

        Sampled(long pid) {
            this.pid = pid;
            sample();
        }

        void sample() {
            OptionalLong ticks = ProcFs.cpuTicks(pid);
            if (ticks.isPresent()) {
                if (firstTicks < 0) {
                    firstTicks = ticks.getAsLong();
                }
                lastTicks = ticks.getAsLong();
            }
            ProcFs.threadCounts(pid).ifPresent(counts -> {
                compilerThreads.add(counts.compilerTicks());
                runQueue.add(counts.runQueueNanos());
            });
            ProcFs.peakRssBytes(pid).ifPresent(rss -> peakRss = Math.max(peakRss, rss));
            if (ticks.isPresent()) {
                history.add(new Tick(System.currentTimeMillis(), lastTicks, compilerThreads.total(), runQueue.total()));
            }
        }

        Usage between(long fromEpochMillis, long toEpochMillis) {
            Tick from = history.stream().filter(t -> t.epochMillis() <= fromEpochMillis).reduce((a, b) -> b).orElse(null);
            Tick to = history.stream().filter(t -> t.epochMillis() >= toEpochMillis).findFirst().orElse(null);
            if (from == null || to == null || to.epochMillis() <= from.epochMillis()) {
                return new Usage(0, 0, 0, 0, peakRss);
            }
            double cpu = (to.ticks() - from.ticks()) / ProcFs.TICKS_PER_SECOND;
            return new Usage(cpu, cpu * 1000 / (to.epochMillis() - from.epochMillis()),
                    (to.compilerTicks() - from.compilerTicks()) / ProcFs.TICKS_PER_SECOND,
                    waitedSeconds(to.waitedNanos() - from.waitedNanos()), peakRss);
        }

        double cpuSeconds() {
            return firstTicks < 0 ? 0 : (lastTicks - firstTicks) / ProcFs.TICKS_PER_SECOND;
        }

        double compilerSeconds() {
            return compilerThreads.total() / ProcFs.TICKS_PER_SECOND;
        }

        double waitedSeconds() {
            return waitedSeconds(runQueue.total());
        }

        private static double waitedSeconds(long nanos) {
            return ProcFs.COUNTS_RUN_QUEUE_WAITS ? nanos / 1e9 : Double.NaN;
        }
    }
}
