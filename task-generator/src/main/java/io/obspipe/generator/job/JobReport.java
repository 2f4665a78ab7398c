package io.obspipe.generator.job;

import io.obspipe.generator.incremental.ScanOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * What one job did.
 *
 * @param scanned          objects listed (or stat'ed, in single mode)
 * @param published        tasks the broker acknowledged (incremental: committed)
 * @param skipped          listed objects that are the pipeline's own results ({@code *.parsed.json}), not turned into tasks
 * @param failed           tasks the broker did not accept
 * @param incremental      whether the job compared the listing with what was tasked before
 * @param newObjects       incremental: listed objects that never had a task
 * @param changed          incremental: listed objects whose ETag differs from the one last tasked
 * @param unchanged        incremental: listed objects already tasked with the same ETag
 * @param publishedByTopic tasks published per tasks topic (routes)
 * @param resumedAfter     incremental: the key after which an interrupted scan was resumed, or null
 * @param failure          one sentence saying why the job failed, or null
 */
public record JobReport(String name, String bucket, long scanned, long published, long skipped, long failed,
                        boolean incremental, long newObjects, long changed, long unchanged,
                        Map<String, Long> publishedByTopic, String resumedAfter, Duration duration, String failure) {

    public JobReport {
        publishedByTopic = Collections.unmodifiableMap(new LinkedHashMap<>(publishedByTopic));
    }

    static JobReport stateless(String name, String bucket, long scanned, long published, long skipped, long failed,
                               Map<String, Long> publishedByTopic, Duration duration, String failure) {
        return new JobReport(name, bucket, scanned, published, skipped, failed, false, 0, 0, 0, publishedByTopic, null,
                duration, failure);
    }

    static JobReport incremental(String name, String bucket, ScanOutcome outcome, Duration duration) {
        return new JobReport(name, bucket, outcome.listed(), outcome.published(), outcome.skipped(), 0, true,
                outcome.newObjects(), outcome.changed(), outcome.unchanged(), outcome.publishedByTopic(),
                outcome.resumedAfter(), duration, outcome.failure());
    }

    public boolean succeeded() {
        return failure == null;
    }

    public double objectsPerSecond() {
        long nanos = Math.max(duration.toNanos(), 1);
        return scanned * 1e9 / nanos;
    }

    /** The sum of several jobs, over the wall-clock time of the whole run; the first failure and resume point are kept. */
    public static JobReport total(List<JobReport> jobs, Duration duration) {
        Map<String, Long> byTopic = new LinkedHashMap<>();
        jobs.forEach(job -> job.publishedByTopic().forEach((topic, count) -> byTopic.merge(topic, count, Long::sum)));
        return new JobReport("total", null,
                jobs.stream().mapToLong(JobReport::scanned).sum(),
                jobs.stream().mapToLong(JobReport::published).sum(),
                jobs.stream().mapToLong(JobReport::skipped).sum(),
                jobs.stream().mapToLong(JobReport::failed).sum(),
                jobs.stream().anyMatch(JobReport::incremental),
                jobs.stream().mapToLong(JobReport::newObjects).sum(),
                jobs.stream().mapToLong(JobReport::changed).sum(),
                jobs.stream().mapToLong(JobReport::unchanged).sum(),
                byTopic,
                jobs.stream().map(JobReport::resumedAfter).filter(Objects::nonNull).findFirst().orElse(null),
                duration,
                jobs.stream().map(JobReport::failure).filter(Objects::nonNull).findFirst().orElse(null));
    }
}
