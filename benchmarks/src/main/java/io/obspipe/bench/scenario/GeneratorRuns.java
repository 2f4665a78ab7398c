package io.obspipe.bench.scenario;

import io.obspipe.bench.measure.JfrSummary;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.measure.Throughput;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.RunningApp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One generator run to its exit, read from its summary line, with its profile and the processes' resources. */
final class GeneratorRuns {

    private static final Pattern PUBLISHED = Pattern.compile("\\bpublished=(\\d+)");
    private static final Pattern SCANNED = Pattern.compile("\\bscanned=(\\d+)");
    private static final Pattern DURATION = Pattern.compile("\\bduration_ms=(\\d+)");

    private GeneratorRuns() {
    }

    static Run run(BenchStack stack, Lane lane, String instance, String bucket, String prefix,
                                    Map<String, String> extra, long expected) {
        Map<String, Long> pids = new LinkedHashMap<>(stack.infrastructurePids());
        ResourceWindow window = ResourceWindow.start(pids);
        RunningApp generator = stack.launchGenerator(lane, instance, bucket, prefix, extra);
        window.add("task-generator", generator.pid());
        // a guard against a hung run, not a speed: S3Proxy lists about 500-1,000 objects/s on 2 busy cores
        generator.awaitSuccessfulExit(Duration.ofSeconds(300 + expected / 200));
        window.stop();
        List<String> log = generator.process().logLines();
        String summary = log.stream().filter(line -> PUBLISHED.matcher(line).find() && DURATION.matcher(line).find())
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no summary line in the generator's log"));
        long published = number(PUBLISHED, summary);
        if (published != expected) {
            throw new IllegalStateException("the generator published " + published + " of " + expected + " tasks: " + summary);
        }
        return new Run(Throughput.perSecond(number(SCANNED, summary), number(DURATION, summary)), generator.profile(), window,
                window.usage().get("task-generator").peakRss());
    }

    private static long number(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + line);
        }
        return Long.parseLong(matcher.group(1));
    }

    record Run(double rate, JfrSummary profile, ResourceWindow window, long peakRss) {
    }
}
