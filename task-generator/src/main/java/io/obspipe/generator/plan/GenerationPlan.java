package io.obspipe.generator.plan;

import java.util.List;

/** What a run does: the resolved mode, its jobs in order, and the publishing window. */
public record GenerationPlan(GeneratorMode mode, List<Job> jobs, int maxInFlight) {

    public GenerationPlan {
        jobs = List.copyOf(jobs);
    }
}
