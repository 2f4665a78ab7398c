package io.obspipe.analysis.keypool;

/**
 * One API key of the pool as the key file gives it. {@link #toString()} leaves the secret out, so the key can be
 * logged or shown by id only.
 *
 * @param id        the key's name in logs, metrics, results and snapshots
 * @param apiKey    the secret
 * @param priority  its weight under the weighted strategy (at least 1)
 * @param qpsLimit  requests per second the provider allows this key
 * @param rpmLimit  requests per minute the provider allows this key
 * @param tpmLimit  tokens per minute, or null when the provider sets none
 */
public record ApiKeySpec(String id, String apiKey, int priority, int qpsLimit, int rpmLimit, Integer tpmLimit) {

    @Override
    public String toString() {
        return "ApiKeySpec[id=" + id + ", priority=" + priority + ", qps_limit=" + qpsLimit + ", rpm_limit=" + rpmLimit
                + ", tpm_limit=" + tpmLimit + "]";
    }
}
