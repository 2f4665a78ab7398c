package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.measure.JfrSummary;
import io.obspipe.bench.measure.ResourceWindow;
import io.obspipe.bench.measure.Throughput;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.RunningApp;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.bench.stack.SimulatedListing;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.ObsObjectStore;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scenario 5: the generator lists and publishes real objects in S3Proxy, then a simulated listing
 * many times larger (served page by page, nothing stored), then rescans that listing with nothing new
 * (incremental: every object is merged with the manifest of the first run). Baseline: listing alone with
 * the same ObjectStore, in the harness. Memory is compared between the sizes. Last, the parallel-listing
 * curves: 1, 2, 4 and 8 key ranges over a simulated listing whose pages take 30 ms, as a nearby store's do, and
 * 150 ms, as a remote one's: the first shows where the generator's CPU bounds the ranges on this machine, the
 * second where the store's latency does.
 */
final class GeneratorScenario implements Scenario {

    private static final Pattern PUBLISHED = Pattern.compile("\\bpublished=(\\d+)");
    private static final Pattern SCANNED = Pattern.compile("\\bscanned=(\\d+)");
    private static final List<Long> PAGE_LATENCIES_MILLIS = List.of(30L, 150L);
    private static final List<Integer> RANGES = List.of(1, 2, 4, 8);
    private static final Pattern DURATION = Pattern.compile("\\bduration_ms=(\\d+)");

    @Override
    public String name() {
        return "generator";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        Lane lane = stack.lane("generator");
        String prefix = lane.keyPrefix();
        SampleObjects.writeTinyObjects(stack.s3().bucketDir(PipelineEnvironment.SOURCE_BUCKET), prefix, scale.generatorObjects());
        double listBefore = listingRate(stack.store(), PipelineEnvironment.SOURCE_BUCKET, prefix, scale.generatorObjects());
        Run real = runGenerator(stack, lane, "real", PipelineEnvironment.SOURCE_BUCKET, prefix, Map.of(), scale.generatorObjects());
        double listAfter = listingRate(stack.store(), PipelineEnvironment.SOURCE_BUCKET, prefix, scale.generatorObjects());
        double listing = (listBefore + listAfter) / 2;
        report.row("objects/s listed + published (" + scale.generatorObjects() + " in S3Proxy)", real.rate(), "objects/s", listing,
                "≥ 0.9 × listing alone", real.rate() >= 0.9 * listing,
                String.format(Locale.ROOT, "listing alone before / after: %.0f / %.0f objects/s", listBefore, listAfter));

        Lane simulatedLane = stack.lane("generator-simulated");
        try (SimulatedListing simulated = SimulatedListing.start(scale.simulatedObjects());
             ObsObjectStore simulatedStore = BenchStack.objectStore(simulated.endpoint(), "any", "any")) {
            double simulatedListing = listingRate(simulatedStore, SimulatedListing.BUCKET, "", scale.simulatedObjects());
            Run big = runGenerator(stack, simulatedLane, "simulated", SimulatedListing.BUCKET, "",
                    Map.of("OBS_SERVER", simulated.endpoint()), scale.simulatedObjects());
            report.row("objects/s listed + published (" + scale.simulatedObjects() + " simulated)", big.rate(), "objects/s",
                    simulatedListing, "≥ 0.9 × listing alone", big.rate() >= 0.9 * simulatedListing, "");
            double liveReal = real.profile().peakLiveHeap() / 1_048_576.0;
            double liveBig = big.profile().peakLiveHeap() / 1_048_576.0;
            report.row("generator live heap, " + scale.simulatedObjects() + " vs " + scale.generatorObjects() + " objects", liveBig, "MB",
                    liveReal, "flat in bucket size (≤ 1.5×)", liveBig <= 1.5 * liveReal, String.format(Locale.ROOT,
                            "peak heap used %s vs %s; peak RSS %s vs %s", ScenarioReport.mb(big.profile().peakHeapUsed()),
                            ScenarioReport.mb(real.profile().peakHeapUsed()), ScenarioReport.mb(big.peakRss()), ScenarioReport.mb(real.peakRss())));
            Run rescan = runGenerator(stack, simulatedLane, "rescan", SimulatedListing.BUCKET, "",
                    Map.of("OBS_SERVER", simulated.endpoint()), 0);
            report.row("objects/s of an incremental rescan, nothing new (" + scale.simulatedObjects() + " simulated)", rescan.rate(),
                    "objects/s", simulatedListing, "time vs listing alone", null, "published=0; every object merged with the first run's manifest");
            double liveRescan = rescan.profile().peakLiveHeap() / 1_048_576.0;
            report.row("generator live heap, incremental rescan of " + scale.simulatedObjects() + " objects", liveRescan, "MB",
                    256.0, "< 256 MB", liveRescan < 256, "peak heap used " + ScenarioReport.mb(rescan.profile().peakHeapUsed())
                            + "; peak RSS " + ScenarioReport.mb(rescan.peakRss()));
            report.resources("Processes while the generator ran over the simulated listing", big.window());
            report.profile("task-generator (simulated listing)", big.profile());
            report.profile("task-generator (incremental rescan)", rescan.profile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PAGE_LATENCIES_MILLIS.forEach(latency -> parallelListingCurve(stack, scale, latency, report));
        report.resources("Processes while the generator ran over S3Proxy", real.window());
        report.profile("task-generator (S3Proxy)", real.profile());
    }

    private static void parallelListingCurve(BenchStack stack, Scale scale, long pageLatencyMillis, ScenarioReport report) {
        double oneRange = 0;
        for (int ranges : RANGES) {
            Lane lane = stack.lane("generator-ranges-" + ranges + "-" + pageLatencyMillis + "ms");
            try (SimulatedListing simulated = SimulatedListing.start(scale.curveObjects(), pageLatencyMillis)) {
                Run run = runGenerator(stack, lane, "ranges-" + ranges, SimulatedListing.BUCKET, "",
                        Map.of("OBS_SERVER", simulated.endpoint(), "GENERATOR_LIST_PARALLELISM", String.valueOf(ranges),
                                "GENERATOR_STATE_TOPIC", "bench-state-" + lane.name()), scale.curveObjects());
                if (ranges == 1) {
                    oneRange = run.rate();
                }
                boolean last = ranges == RANGES.get(RANGES.size() - 1);
                report.row("objects/s listed + published, " + ranges + " range(s), " + pageLatencyMillis + " ms per page ("
                                + scale.curveObjects() + " simulated)", run.rate(), "objects/s", oneRange,
                        last ? "≥ 5 × one range" : "", !last || run.rate() >= 5 * oneRange,
                        String.format(Locale.ROOT, "%.2f × one range; generator CPU %.1f µs per object, its start included", run.rate() / oneRange,
                                run.window().usage().get("task-generator").cpuSeconds() * 1e6 / scale.curveObjects()));
            }
        }
    }

    private static Run runGenerator(BenchStack stack, Lane lane, String instance, String bucket, String prefix,
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

    /** Objects/s of listing alone, through the same ObjectStore the generator uses. */
    private static double listingRate(ObjectStore store, String bucket, String prefix, long expected) {
        long started = System.nanoTime();
        long listed;
        try (Stream<?> objects = store.list(bucket, prefix)) {
            listed = objects.count();
        }
        if (listed != expected) {
            throw new IllegalStateException("listed " + listed + " of " + expected + " objects in " + bucket + "/" + prefix);
        }
        return listed / ((System.nanoTime() - started) / 1e9);
    }

    private record Run(double rate, JfrSummary profile, ResourceWindow window, long peakRss) {
    }
}
