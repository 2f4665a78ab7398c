package io.obspipe.generator.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.generator.listing.ListingMeters;
import io.obspipe.generator.incremental.IncrementalScan;
import io.obspipe.generator.incremental.ScanOutcome;
import io.obspipe.generator.plan.Job;
import io.obspipe.generator.plan.ScanJob;
import io.obspipe.generator.plan.SingleFileJob;
import io.obspipe.generator.publish.Publication;
import io.obspipe.generator.publish.PublishSummary;
import io.obspipe.generator.publish.TaskPublisher;
import io.obspipe.generator.task.Tasks;
import io.obspipe.model.FileTask;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StorageException;
import io.obspipe.platform.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs one job: lists (or stats) the objects and publishes a task for each. The listing is consumed
 * page by page while tasks are sent, so memory does not grow with the bucket. A storage failure
 * (missing bucket or object, denied access) or a send failure ends the job with a one-sentence reason.
 */
@Component
public class JobExecutor {

    private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

    private final ObjectStore store;
    private final TaskPublisher publisher;
    private final MeterRegistry registry;
    private final IncrementalScan incremental;

    /** @param incremental the incremental scan, or null when GENERATOR_INCREMENTAL=false */
    public JobExecutor(ObjectStore store, TaskPublisher publisher, MeterRegistry registry,
                       @Autowired(required = false) IncrementalScan incremental) {
        this.store = store;
        this.publisher = publisher;
        this.registry = registry;
        this.incremental = incremental;
    }

    public JobReport run(Job job, int maxInFlight) {
        return run(job, maxInFlight, () -> false);
    }

    /** Runs the job; an incremental scan stops at its next batch once {@code stopRequested} says so. */
    public JobReport run(Job job, int maxInFlight, BooleanSupplier stopRequested) {
        ListingMeters meters = ListingMeters.forBucket(registry, job.bucket());
        if (incremental != null && job instanceof ScanJob scan) {
            return runIncremental(scan, meters, stopRequested);
        }
        long started = System.nanoTime();
        AtomicLong scanned = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        String storageFailure = null;
        Publication publication = publisher.start(maxInFlight);
        try (publication) {
            if (job instanceof ScanJob scan) {
                publishListing(scan, publication, meters, scanned, skipped);
            } else {
                publishSingle((SingleFileJob) job, publication, meters, scanned);
            }
        } catch (StorageException e) {
            storageFailure = e.getMessage();
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        meters.scan().record(duration);
        PublishSummary sent = publication.summary();
        String failure = storageFailure != null ? storageFailure
                : sent.succeeded() ? null
                : sent.failed() + " task(s) were not accepted by Kafka (topic '" + publisher.topic() + "'); first error: " + sent.firstError();
        return JobReport.stateless(job.name(), job.bucket(), scanned.get(), sent.published(), skipped.get(), sent.failed(),
                sent.publishedByTopic(), duration, failure);
    }

    private JobReport runIncremental(ScanJob scan, ListingMeters meters, BooleanSupplier stopRequested) {
        long started = System.nanoTime();
        ScanOutcome outcome = incremental.run(scan, meters, stopRequested);
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        meters.scan().record(duration);
        return JobReport.incremental(scan.name(), scan.bucket(), outcome, duration);
    }

    private void publishListing(ScanJob job, Publication publication, ListingMeters meters, AtomicLong scanned, AtomicLong skipped) {
        try (Stream<StoredObject> listed = store.list(job.bucket(), job.prefix())) {
            Stream<StoredObject> objects = listed
                    .peek(object -> counted(object, meters, scanned))
                    .filter(object -> !isResult(object, meters, skipped));
            Iterator<FileTask> tasks = (job.capped() ? objects.limit(job.maxFiles()) : objects)
                    .map(object -> Tasks.forObject(object, job.destBucket(), null))
                    .iterator();
            publication.sendAll(tasks);
        }
    }

    private void publishSingle(SingleFileJob job, Publication publication, ListingMeters meters, AtomicLong scanned) {
        StoredObject object = store.stat(job.bucket(), job.key());
        counted(object, meters, scanned);
        publication.sendAll(Stream.of(Tasks.forObject(object, job.destBucket(), job.destKey())).iterator());
    }

    private static void counted(StoredObject object, ListingMeters meters, AtomicLong scanned) {
        scanned.incrementAndGet();
        meters.listed().increment();
        meters.bytes().increment(object.size());
    }

    /** A result the pipeline wrote ({@code <key>.parsed.json}) is not an input: re-queuing it would process results forever. */
    private static boolean isResult(StoredObject object, ListingMeters meters, AtomicLong skipped) {
        if (!object.key().endsWith(FileTask.RESULT_SUFFIX)) {
            return false;
        }
        skipped.incrementAndGet();
        meters.skipped().increment();
        log.atDebug().addKeyValue("file_key", object.key()).log("skipped a result object");
        return true;
    }
}
