package io.obspipe.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's {@code worker_type}: one task at a time ({@code single_process}, its {@code worker}) or several in
 * parallel ({@code multi_process}, its {@code pool_worker}: POOL_SIZE > 1).
 */
public enum WorkerType {
    @JsonProperty("single_process") SINGLE_PROCESS,
    @JsonProperty("multi_process") MULTI_PROCESS;

    public static WorkerType forPoolSize(int poolSize) {
        return poolSize > 1 ? MULTI_PROCESS : SINGLE_PROCESS;
    }
}
