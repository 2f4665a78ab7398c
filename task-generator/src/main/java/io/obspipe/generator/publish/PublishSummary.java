package io.obspipe.generator.publish;

/**
 * The outcome of sending tasks.
 *
 * @param published  tasks the broker acknowledged
 * @param failed     tasks the broker did not accept (sending stops after the first failure)
 * @param firstError one sentence describing the first failure, or null
 */
public record PublishSummary(long published, long failed, String firstError) {

    public boolean succeeded() {
        return failed == 0;
    }
}
