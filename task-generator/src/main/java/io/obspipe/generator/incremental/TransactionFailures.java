package io.obspipe.generator.incremental;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;

/** A transaction that did not commit: its end, and one sentence for it; nothing of the batch is visible to readers. */
final class TransactionFailures {

    private TransactionFailures() {
    }

    /**
     * Aborts the transaction {@code error} ended. Returns null when it was aborted and the producer can begin the
     * next one, else why the producer cannot go on and must be closed: it was fenced, or the abort failed too (a
     * fatal error such as an authorisation failure, or a commit that timed out and may still complete). The broker
     * then aborts the open transaction when it times out or when the producer's next instance fences it.
     */
    static RuntimeException abort(RuntimeException error, Producer<?, ?> producer) {
        if (error instanceof ProducerFencedException) {
            return error;
        }
        try {
            producer.abortTransaction();
            return null;
        } catch (RuntimeException unusable) {
            return unusable;
        }
    }

    /** @param unusable why the producer cannot go on, or null */
    static IncrementalScanException describe(KafkaException error, RuntimeException unusable, String stateTopic) {
        // a broker with transactions version 2 answers a fenced producer's send with InvalidProducerEpoch, its abort with the fence
        if (error instanceof ProducerFencedException || unusable instanceof ProducerFencedException) {
            return new IncrementalScanException("another task-generator took over this job (same transactional id);"
                    + " this one stopped without publishing its open batch", error);
        }
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return new IncrementalScanException("Kafka did not commit a batch of tasks and its progress on state topic '"
                + stateTopic + "': " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + " (nothing of the batch was published; the next run resumes from the last committed batch)", error);
    }
}
