package io.obspipe.generator.plan;

/**
 * One task for one object.
 *
 * @param destBucket the task's dest_bucket, or null to leave it to the worker
 * @param destKey    the task's dest_key, or null for the worker's default ({@code <key>.parsed.json})
 */
public record SingleFileJob(String bucket, String key, String destBucket, String destKey) implements Job {

    @Override
    public String name() {
        return "single";
    }
}
