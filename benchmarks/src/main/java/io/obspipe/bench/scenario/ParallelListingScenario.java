package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.bench.stack.Lane;
import io.obspipe.bench.stack.SimulatedListing;

import java.util.Locale;
import java.util.Map;

/**
 * The parallel-listing curves: 1, 2, 4 and 8 key ranges (GENERATOR_LIST_PARALLELISM) over a simulated listing whose
 * pages take 30 ms, as a nearby store's do, and 150 ms, as a remote one's (the smoke scale takes two steps of one). The first shows where the generator's CPU
 * bounds the ranges on the machine, the second where the store's latency does. Each step is a first scan (every
 * object new) of its own state topic.
 */
final class ParallelListingScenario implements Scenario {

    @Override
    public String name() {
        return "generator-ranges";
    }

    @Override
    public void run(BenchStack stack, Scale scale, ScenarioReport report) {
        scale.pageLatencies().forEach(latency -> curve(stack, scale, latency, report));
    }

    private static void curve(BenchStack stack, Scale scale, long pageLatencyMillis, ScenarioReport report) {
        double oneRange = 0;
        for (int ranges : scale.listRanges()) {
            Lane lane = stack.lane("generator-ranges-" + ranges + "-" + pageLatencyMillis + "ms");
            try (SimulatedListing simulated = SimulatedListing.start(scale.curveObjects(), pageLatencyMillis)) {
                GeneratorRuns.Run run = GeneratorRuns.run(stack, lane, "ranges-" + ranges, SimulatedListing.BUCKET, "",
                        Map.of("OBS_SERVER", simulated.endpoint(), "GENERATOR_LIST_PARALLELISM", String.valueOf(ranges),
                                "GENERATOR_STATE_TOPIC", "bench-state-" + lane.name()), scale.curveObjects());
                if (ranges == 1) {
                    oneRange = run.rate();
                }
                boolean last = ranges == 8;
                report.row("objects/s listed + published, " + ranges + " range(s), " + pageLatencyMillis + " ms per page ("
                                + scale.curveObjects() + " simulated)", run.rate(), "objects/s", oneRange,
                        last ? "≥ 5 × one range" : "", !last || run.rate() >= 5 * oneRange,
                        String.format(Locale.ROOT, "%.2f × one range; generator CPU %.1f µs per object, its start included", run.rate() / oneRange,
                                run.window().usage().get("task-generator").cpuSeconds() * 1e6 / scale.curveObjects()));
            }
        }
    }
}
