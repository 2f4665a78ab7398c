package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.SampleObjects;
import io.obspipe.bench.stack.SimulatedListing;
import io.obspipe.localstack.PipelineEnvironment;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.ObsObjectStore;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scenario 5: the generator lists and publishes real objects in S3Proxy, then a simulated listing
 * many times larger (served page by page, nothing stored), then rescans that listing with nothing new
 * (incremental: every object is merged with the manifest of the first run). Baseline: listing alone with
 * the same ObjectStore, in the harness. Memory is compared between the sizes. The parallel-listing curves are a scenario of
 * their own ({@link ParallelListingScenario}, {@code generator-ranges}).
 */
final class GeneratorScenario implements Scenario {


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
        GeneratorRuns.Run real = GeneratorRuns.run(stack, lane, "real", PipelineEnvironment.SOURCE_BUCKET, prefix, Map.of(), scale.generatorObjects());
        double listAfter = listingRate(stack.store(), PipelineEnvironment.SOURCE_BUCKET, prefix, scale.generatorObjects());
        double listing = (listBefore + listAfter) / 2;
        report.row("objects/s listed + published (" + scale.generatorObjects() + " in S3Proxy)", real.rate(), "objects/s", listing,
                "≥ 0.9 × listing alone", real.rate() >= 0.9 * listing,
                String.format(Locale.ROOT, "listing alone before / after: %.0f / %.0f objects/s", listBefore, listAfter));

        Lane simulatedLane = stack.lane("generator-simulated");
        try (SimulatedListing simulated = SimulatedListing.start(scale.simulatedObjects());
             ObsObjectStore simulatedStore = BenchStack.objectStore(simulated.endpoint(), "any", "any")) {
            double simulatedListing = listingRate(simulatedStore, SimulatedListing.BUCKET, "", scale.simulatedObjects());
            GeneratorRuns.Run big = GeneratorRuns.run(stack, simulatedLane, "simulated", SimulatedListing.BUCKET, "",
                    Map.of("OBS_SERVER", simulated.endpoint()), scale.simulatedObjects());
            report.row("objects/s listed + published (" + scale.simulatedObjects() + " simulated)", big.rate(), "objects/s",
                    simulatedListing, "≥ 0.9 × listing alone", big.rate() >= 0.9 * simulatedListing, "");
            double liveReal = real.profile().peakLiveHeap() / 1_048_576.0;
            double liveBig = big.profile().peakLiveHeap() / 1_048_576.0;
            report.row("generator live heap, " + scale.simulatedObjects() + " vs " + scale.generatorObjects() + " objects", liveBig, "MB",
                    liveReal, "flat in bucket size (≤ 1.5×)", liveBig <= 1.5 * liveReal, String.format(Locale.ROOT,
                            "peak heap used %s vs %s; peak RSS %s vs %s", ScenarioReport.mb(big.profile().peakHeapUsed()),
                            ScenarioReport.mb(real.profile().peakHeapUsed()), ScenarioReport.mb(big.peakRss()), ScenarioReport.mb(real.peakRss())));
            GeneratorRuns.Run rescan = GeneratorRuns.run(stack, simulatedLane, "rescan", SimulatedListing.BUCKET, "",
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
        report.resources("Processes while the generator ran over S3Proxy", real.window());
        report.profile("task-generator (S3Proxy)", real.profile());
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

}
