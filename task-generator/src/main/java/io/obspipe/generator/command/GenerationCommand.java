package io.obspipe.generator.command;

import io.obspipe.generator.job.JobExecutor;
import io.obspipe.generator.plan.GenerationPlan;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/** The one-shot run: the plan's jobs once, the summary, and exit code 1 when a job failed. */
class GenerationCommand implements ApplicationRunner, ExitCodeGenerator {

    private final GenerationPlan plan;
    private final JobExecutor executor;
    private volatile boolean failed;

    GenerationCommand(GenerationPlan plan, JobExecutor executor) {
        this.plan = plan;
        this.executor = executor;
    }

    @Override
    public void run(ApplicationArguments args) {
        failed = !PlanRun.run(plan, executor, () -> false).succeeded();
    }

    @Override
    public int getExitCode() {
        return failed ? 1 : 0;
    }
}
