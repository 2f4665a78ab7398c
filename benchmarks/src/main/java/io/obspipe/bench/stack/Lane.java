package io.obspipe.bench.stack;

/**
 * One scenario's share of the stack: its own topics, consumer groups and key prefix, so scenarios that
 * run one after another on the same broker and store never see each other's records or objects.
 */
public record Lane(String name) {

    public String tasksTopic() {
        return "bench-" + name + "-tasks";
    }

    public String resultsTopic() {
        return "bench-" + name + "-results";
    }

    public String workerGroup() {
        return "bench-" + name + "-workers";
    }

    /** Where the lane's analysis worker publishes results with their analysis. */
    public String analysisTopic() {
        return "bench-" + name + "-analysis";
    }

    public String analysisGroup() {
        return "bench-" + name + "-analysis";
    }

    /** The notifier's group prefix: each sink consumes as {@code <prefix>-<sink>}. */
    public String notifierGroup() {
        return "bench-" + name + "-notifier";
    }

    /** Objects of this lane live under this prefix in the source bucket. */
    public String keyPrefix() {
        return name + "/";
    }
}
