package io.obspipe.bench.scenario;

import java.util.List;

/** The benchmark scenarios, in the order a full run takes them. */
public final class Scenarios {

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(new SmallFilesScenario(), new ConcurrencyScenario(), new LargeFileScenario(), new NotifierScenario(),
                new GeneratorScenario(), new ParallelListingScenario(), new SteadyLoadScenario(), new AnalysisScenario(),
                new WorkerStartScenario());
    }
}
