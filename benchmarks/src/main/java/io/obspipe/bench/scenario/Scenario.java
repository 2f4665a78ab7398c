package io.obspipe.bench.scenario;

import io.obspipe.bench.Scale;
import io.obspipe.bench.ScenarioReport;
import io.obspipe.bench.stack.BenchStack;

/** One benchmark: runs on the shared stack in a lane of its own and reports its figures and baselines. */
public interface Scenario {

    /** Short name used on the command line and in the table, e.g. {@code small-files}. */
    String name();

    void run(BenchStack stack, Scale scale, ScenarioReport report);
}
