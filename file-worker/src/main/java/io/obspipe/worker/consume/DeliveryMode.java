package io.obspipe.worker.consume;

/** How a task's result and offset are committed (WORKER_DELIVERY). */
public enum DeliveryMode {
    /** Results, dead letters and offsets in one Kafka transaction: exactly one committed result per task. */
    EXACTLY_ONCE,
    /** Results acknowledged, then offsets committed: a crash in between may repeat a result. */
    AT_LEAST_ONCE
}
