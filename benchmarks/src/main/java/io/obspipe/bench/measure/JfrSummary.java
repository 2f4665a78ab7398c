package io.obspipe.bench.measure;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a child JVM's flight recording (written when it exits) says about heap and CPU: the heap used
 * before and after each GC, and which methods the execution samples were in.
 *
 * @param peakHeapUsed    the most heap in use at any GC (before collecting), in bytes
 * @param peakLiveHeap    the most heap still in use right after a GC: the live set, in bytes
 * @param samples         execution samples of Java threads
 * @param hotMethods      the methods most often on top of a sampled stack, with their share of samples
 * @param hotOwnFrames    the project's methods ({@code io.obspipe}) most often anywhere on a sampled
 *                        stack, i.e. what the time was spent under
 */
public record JfrSummary(long peakHeapUsed, long peakLiveHeap, long samples, List<Hot> hotMethods, List<Hot> hotOwnFrames) {

    private static final int TOP = 8;

    public record Hot(String method, double share) {
        @Override
        public String toString() {
            return String.format("%.1f%% %s", share * 100, method);
        }
    }

    /** An empty summary when the recording is missing (e.g. the process was killed). */
    public static JfrSummary read(Path recording) {
        if (!Files.isRegularFile(recording)) {
            return new JfrSummary(0, 0, 0, List.of(), List.of());
        }
        long peakUsed = 0;
        long peakLive = 0;
        long samples = 0;
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> ownFrames = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.GCHeapSummary" -> {
                        long used = event.getLong("heapUsed");
                        peakUsed = Math.max(peakUsed, used);
                        if ("After GC".equals(event.getString("when"))) {
                            peakLive = Math.max(peakLive, used);
                        }
                    }
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack != null && !stack.getFrames().isEmpty()) {
                            samples++;
                            topFrames.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                            stack.getFrames().stream().map(JfrSummary::name).filter(n -> n.startsWith("io.obspipe")).distinct()
                                    .forEach(n -> ownFrames.merge(n, 1L, Long::sum));
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the flight recording " + recording, e);
        }
        return new JfrSummary(peakUsed, peakLive, samples, top(topFrames, samples), top(ownFrames, samples));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Hot> top(Map<String, Long> counts, long samples) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).map(e -> new Hot(e.getKey(), (double) e.getValue() / Math.max(1, samples))).toList();
    }
}
