package io.obspipe.generator.incremental;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.generator.listing.ListingMeters;
import io.obspipe.generator.plan.ScanJob;
import io.obspipe.generator.route.TaskRoutes;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StorageException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One incremental scan of a job (a bucket and prefix): resumes the scan a crash interrupted, or plans a new
 * one (its key ranges, recorded in the job's head), runs the ranges at once, each on its own transactional
 * producer ({@link RangeScan}), and when all are done records the scan as the job's memory and deletes the
 * previous one's manifest. State lives only in Kafka (GENERATOR_STATE_TOPIC). In continuous mode a job's Kafka
 * clients ({@link JobClients}) are kept for its next scan until the application stops; otherwise a scan closes them.
 */
public final class IncrementalScan implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IncrementalScan.class);
    /** Kafka's default transaction timeout: a transaction left open holds a partition's readable end back that long. */
    private static final Duration COMMITTED_WRITES_WAIT = Duration.ofSeconds(60);

    private final StateClients factory;
    private final boolean keepClients;
    private final Map<JobId, JobClients> jobs = new ConcurrentHashMap<>();
    private final String stateTopic;
    private final ObjectStore store;
    private final TaskRoutes routes;
    private final int parallelism;
    private final boolean reprocess;
    private final MeterRegistry registry;

    IncrementalScan(StateClients factory, boolean keepClients, String stateTopic, ObjectStore store, TaskRoutes routes,
                    int parallelism, boolean reprocess, MeterRegistry registry) {
        this.factory = factory;
        this.keepClients = keepClients;
        this.stateTopic = stateTopic;
        this.store = store;
        this.routes = routes;
        this.parallelism = parallelism;
        this.reprocess = reprocess;
        this.registry = registry;
    }

    public ScanOutcome run(ScanJob scan, ListingMeters meters, BooleanSupplier stopRequested) {
        JobId job = new JobId(scan.bucket(), scan.prefix());
        ScanCounts counts = new ScanCounts(routes.topics());
        JobClients clients = jobs.computeIfAbsent(job, id -> new JobClients(factory, id));
        String resumedAfter = null;
        try {
            StateTopic topic = describe(clients);
            // fencing first: a killed run's open transaction would otherwise hide what was committed after it
            clients.fence(IntStream.range(0, parallelism).boxed().toList());
            clients.awaitCommittedWrites(COMMITTED_WRITES_WAIT);
            StateLoader loader = new StateLoader(clients, topic);
            StateLoader.Loaded firstLoad = loader.load(job);
            StateLoader.Loaded loaded = firstLoad.head().current() != null && fenceAll(firstLoad.head().current(), clients)
                    ? loader.load(job) : firstLoad;
            JobHead head = loaded.head();
            Generation current;
            if (head.current() != null && !reprocess) {
                current = head.current().withRanges(head.current().ranges().stream()
                        .map(planned -> loaded.checkpoints().get(planned.index()))
                        .sorted(Comparator.comparingInt(RangeState::index)).toList());
                resumedAfter = current.ranges().stream().filter(r -> !r.done() && r.lastKey() != null)
                        .map(RangeState::lastKey).findFirst().orElse(null);
            } else {
                current = plan(job, scan, topic, head.nextGeneration(), clients);
                startGeneration(job, head, loaded, current, topic, clients);
            }
            fenceAll(current, clients);
            AtomicBoolean failed = new AtomicBoolean();
            RangeScan.Context context = new RangeScan.Context(job, scan, current.number(), head.completed(), topic, clients,
                    store, routes::topicFor, new PublishBudget(scan.maxFiles()), reprocess, counts, meters, registry,
                    () -> failed.get() || stopRequested.getAsBoolean());
            List<RangeState> finished = runRanges(context, current, failed);
            boolean complete = finished.stream().allMatch(RangeState::done);
            if (complete) {
                complete(job, head.completed(), current.withRanges(finished), topic, clients);
            }
            return outcome(counts, resumedAfter, complete, null);
        } catch (StorageException | StateFormatException | IncrementalScanException e) {
            return outcome(counts, resumedAfter, false, e.getMessage());
        } catch (KafkaException e) {
            clients.closeConsumers();
            return outcome(counts, resumedAfter, false, "Kafka failed during the scan of " + job + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            // an interrupted scan may have left range threads that still use the clients
            if (!keepClients || Thread.currentThread().isInterrupted()) {
                jobs.remove(job);
                clients.close();
            }
        }
    }

    /** Closes the clients kept for the jobs' next scans. */
    @Override
    public void close() {
        jobs.values().forEach(JobClients::close);
        jobs.clear();
    }

    private StateTopic describe(JobClients clients) {
        List<PartitionInfo> partitions = clients.stateConsumer().partitionsFor(stateTopic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IncrementalScanException("state topic '" + stateTopic + "' (GENERATOR_STATE_TOPIC) does not exist:"
                    + " create it (compacted) or let the generator create it (KAFKA_CREATE_TOPICS=true)", null);
        }
        return new StateTopic(stateTopic, partitions.size());
    }

    private static boolean fenceAll(Generation generation, JobClients clients) {
        return clients.fence(generation.ranges().stream().map(RangeState::index).toList());
    }

    private Generation plan(JobId job, ScanJob scan, StateTopic topic, long number, JobClients clients) {
        List<String> boundaries = KeySplitter.boundaries(store, scan.bucket(), scan.prefix(), parallelism);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int i = 0; i <= boundaries.size(); i++) {
            partitions.add(new TopicPartition(topic.name(), topic.chunkPartition(i)));
        }
        Map<TopicPartition, Long> ends = clients.stateConsumer().endOffsets(partitions);
        List<RangeState> ranges = new ArrayList<>();
        for (int i = 0; i <= boundaries.size(); i++) {
            String after = i == 0 ? null : boundaries.get(i - 1);
            String upTo = i == boundaries.size() ? null : boundaries.get(i);
            ranges.add(RangeState.planned(i, after, upTo, topic.chunkPartition(i), ends.get(partitions.get(i))));
        }
        log.atDebug().addKeyValue("job", job.toString()).addKeyValue("ranges", ranges.size()).log("planned scan " + number);
        return new Generation(number, ranges);
    }

    /** Records the new scan in the head; a scan abandoned for GENERATOR_REPROCESS has its records deleted. */
    private static void startGeneration(JobId job, JobHead head, StateLoader.Loaded loaded, Generation current,
                                        StateTopic topic, JobClients clients) {
        clients.transaction(0, topic.name(), writes -> {
            if (head.current() != null) {
                Generation abandoned = head.current().withRanges(new ArrayList<>(loaded.checkpoints().values()));
                deleteGeneration(job, abandoned, topic, writes);
            }
            writes.send(headRecord(job, topic, new JobHead(JobHead.FORMAT, job.bucket(), job.prefix(), head.completed(), current)));
        });
    }

    private static List<RangeState> runRanges(RangeScan.Context context, Generation current, AtomicBoolean failed) {
        List<RangeState> pending = current.ranges().stream().filter(range -> !range.done()).toList();
        List<RangeState> finished = new ArrayList<>(current.ranges().stream().filter(RangeState::done).toList());
        if (pending.size() == 1) {
            finished.add(new RangeScan(context, pending.get(0)).run());
            return sorted(finished);
        }
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, pending.size()), runnable -> {
            Thread thread = new Thread(runnable, "scan-range");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RangeState>> running = new ArrayList<>();
            for (RangeState range : pending) {
                running.add(threads.submit(() -> {
                    try {
                        return new RangeScan(context, range).run();
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            RuntimeException firstFailure = null;
            for (Future<RangeState> range : running) {
                try {
                    finished.add(range.get());
                } catch (ExecutionException e) {
                    if (firstFailure == null) {
                        firstFailure = e.getCause() instanceof RuntimeException runtime ? runtime
                                : new IncrementalScanException(String.valueOf(e.getCause().getMessage()), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.set(true);
                    throw new IncrementalScanException("interrupted while the key ranges were listed", e);
                }
            }
            if (firstFailure != null) {
                throw firstFailure;
            }
            return sorted(finished);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<RangeState> sorted(List<RangeState> ranges) {
        return ranges.stream().sorted(Comparator.comparingInt(RangeState::index)).toList();
    }

    /** The scan becomes the job's memory; the previous scan's manifest and this scan's checkpoints are deleted. */
    private static void complete(JobId job, Generation previous, Generation finished, StateTopic topic, JobClients clients) {
        clients.transaction(0, topic.name(), writes -> {
            writes.send(headRecord(job, topic, new JobHead(JobHead.FORMAT, job.bucket(), job.prefix(), finished, null)));
            for (RangeState range : finished.ranges()) {
                writes.send(tombstone(topic, StateTopic.CONTROL_PARTITION, StateTopic.checkpointKey(job, finished.number(), range.index())));
            }
            if (previous != null) {
                deleteGeneration(job, previous, topic, writes);
            }
        });
    }

    private static void deleteGeneration(JobId job, Generation generation, StateTopic topic, JobClients.TransactionWrites writes) {
        for (RangeState range : generation.ranges()) {
            for (long chunk = 0; chunk < range.chunks(); chunk++) {
                writes.send(tombstone(topic, range.partition(), StateTopic.chunkKey(job, generation.number(), range.index(), chunk)));
            }
            writes.send(tombstone(topic, StateTopic.CONTROL_PARTITION, StateTopic.checkpointKey(job, generation.number(), range.index())));
        }
    }

    private static ProducerRecord<String, byte[]> headRecord(JobId job, StateTopic topic, JobHead head) {
        return new ProducerRecord<>(topic.name(), StateTopic.CONTROL_PARTITION, StateTopic.headKey(job), StateTopic.encode(head));
    }

    private static ProducerRecord<String, byte[]> tombstone(StateTopic topic, int partition, String key) {
        return new ProducerRecord<>(topic.name(), partition, key, null);
    }

    private static ScanOutcome outcome(ScanCounts counts, String resumedAfter, boolean complete, String failure) {
        return new ScanOutcome(counts.listed.sum(), counts.skipped.sum(), counts.newObjects.sum(), counts.changed.sum(),
                counts.unchanged.sum(), counts.published.sum(), counts.publishedByTopic(), resumedAfter, complete, failure);
    }
}
