package io.obspipe.generator.job;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one job did.
 *
 * @param scanned   objects listed (or stat'ed, in single mode)
 * @param published tasks the broker acknowledged
 * @param skipped   listed objects that are the pipeline's own results ({@code *.parsed.json}), not turned into tasks
 * @param failed    tasks the broker did not accept
 * @param failure   one sentence saying why the job failed, or null
 */
public record JobReport(String name, String bucket, long scanned, long published, long skipped, long failed,
                        Duration duration, String failure) {

    public boolean succeeded() {
        return failure == null;
    }

    public double objectsPerSecond() {
        long nanos = Math.max(duration.toNanos(), 1);
        return scanned * 1e9 / nanos;
    }

    /** The sum of several jobs, over the wall-clock time of the whole run; the first failure is kept. */
    public static JobReport total(List<JobReport> jobs, Duration duration) {
        return new JobReport("total", null,
                jobs.stream().mapToLong(JobReport::scanned).sum(),
                jobs.stream().mapToLong(JobReport::published).sum(),
                jobs.stream().mapToLong(JobReport::skipped).sum(),
                jobs.stream().mapToLong(JobReport::failed).sum(),
                duration,
                jobs.stream().map(JobReport::failure).filter(Objects::nonNull).findFirst().orElse(null));
    }
}
