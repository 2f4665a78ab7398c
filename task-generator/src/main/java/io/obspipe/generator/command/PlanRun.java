package io.obspipe.generator.command;

import io.obspipe.generator.job.JobExecutor;
import io.obspipe.generator.job.JobReport;
import io.obspipe.generator.plan.GenerationPlan;
import io.obspipe.generator.plan.GeneratorMode;
import io.obspipe.generator.plan.Job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One pass over the plan's jobs, in order, with their log lines and the summary. A job whose bucket or object
 * is missing does not stop the jobs after it; a Kafka failure does, since every later send would fail the same way.
 */
final class PlanRun {

    private PlanRun() {
    }

    static JobReport run(GenerationPlan plan, JobExecutor executor, BooleanSupplier stopRequested) {
        long started = System.nanoTime();
        List<JobReport> reports = new ArrayList<>();
        for (Job job : plan.jobs()) {
            if (stopRequested.getAsBoolean()) {
                break;
            }
            JobReport report = executor.run(job, plan.maxInFlight(), stopRequested);
            reports.add(report);
            if (!report.succeeded()) {
                RunLog.failure(plan.mode(), report);
            }
            if (plan.mode() == GeneratorMode.BATCH) {
                RunLog.jobFinished(report);
            }
            if (report.failed() > 0 && reports.size() < plan.jobs().size()) {
                RunLog.notRun(plan.jobs().subList(reports.size(), plan.jobs().size()).stream().map(Job::name).toList());
                break;
            }
        }
        JobReport total = JobReport.total(reports, Duration.ofNanos(System.nanoTime() - started));
        RunLog.summary(plan.mode(), reports.size(), total);
        return total;
    }
}
