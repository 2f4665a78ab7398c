package io.obspipe.generator.incremental;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;

/** One sentence for a batch whose transaction did not commit; nothing of the batch is visible to readers. */
final class TransactionFailures {

    private TransactionFailures() {
    }

    static IncrementalScanException describe(KafkaException error, Producer<?, ?> producer, String stateTopic) {
        if (error instanceof ProducerFencedException) {
            return new IncrementalScanException("another task-generator took over this job (same transactional id);"
                    + " this one stopped without publishing its open batch", error);
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException ignored) {
            // the producer is unusable; the broker aborts the transaction when it times out or the next run fences it
        }
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return new IncrementalScanException("Kafka did not commit a batch of tasks and its progress on state topic '"
                + stateTopic + "': " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + " (nothing of the batch was published; the next run resumes from the last committed batch)", error);
    }
}
