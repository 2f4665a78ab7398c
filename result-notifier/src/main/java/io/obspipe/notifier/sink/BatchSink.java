package io.obspipe.notifier.sink;

import io.obspipe.model.ProcessingResult;

import java.util.List;

/**
 * A sink that writes a whole poll's results at once, e.g. the database's rows as one batch in one transaction. Its lane
 * hands it every result of a poll it {@link #accepts accepts} through {@link #deliverAll}; when that throws a
 * {@link PermanentDeliveryException} (the destination refused one of them: a row already there, a constraint), the
 * lane delivers that poll once more one result at a time through {@link #deliver}, which skips or gives up on each
 * refused result alone. Any other failure retries the whole poll as the {@link #retryPolicy()} says. A batch sink
 * reads no analysis events.
 */
public interface BatchSink extends ResultSink {

    /**
     * Delivers the results all together or none of them: throwing means none was delivered.
     * Delivering some of them again (after a retry or a restart) must be harmless.
     */
    void deliverAll(List<ProcessingResult> results) throws Exception;
}
