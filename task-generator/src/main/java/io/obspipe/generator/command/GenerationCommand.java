package io.obspipe.generator.command;

import io.obspipe.generator.job.JobExecutor;
import io.obspipe.generator.job.JobReport;
import io.obspipe.generator.plan.GenerationPlan;
import io.obspipe.generator.plan.GeneratorMode;
import io.obspipe.generator.plan.Job;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-shot job: runs the plan's jobs in order, logs the summary, and reports exit code 1 when a
 * job failed. A job whose bucket or object is missing does not stop the jobs after it; a Kafka
 * failure does, since every later send would fail the same way.
 */
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
        long started = System.nanoTime();
        List<JobReport> reports = new ArrayList<>();
        for (Job job : plan.jobs()) {
            JobReport report = executor.run(job, plan.maxInFlight());
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
        failed = !total.succeeded();
        RunLog.summary(plan.mode(), reports.size(), total);
    }

    @Override
    public int getExitCode() {
        return failed ? 1 : 0;
    }
}
