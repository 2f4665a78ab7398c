package io.obspipe.generator.plan;

/**
 * Every object of {@code bucket} under {@code prefix}, at most {@code maxFiles} tasks (0 = no cap).
 *
 * @param destBucket the tasks' dest_bucket, or null to leave it to the worker
 */
public record ScanJob(String name, String bucket, String prefix, String destBucket, long maxFiles) implements Job {

    public boolean capped() {
        return maxFiles > 0;
    }
}
