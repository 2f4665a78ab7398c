package io.obspipe.analysis.consume;

import io.obspipe.analysis.analyze.Analyzer;
import io.obspipe.analysis.route.AnalysisRoutes;
import io.obspipe.model.Analysis;
import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.InvalidMessageException;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The analysis worker's consumer of the results topic. One thread polls; analyses run on a pool of
 * ANALYSIS_MAX_CONCURRENT threads, so a slow model answer holds only its own thread.
 * <ul>
 *   <li>A partition pauses while it has fetched results no thread has taken yet, or too many uncommitted ones.</li>
 *   <li>Every {@link #COMMIT_INTERVAL} the analysis events of the results done since are committed in one Kafka
 *   transaction with the offsets ({@link TransactionalPublisher}), whatever earlier results of their partition still
 *   run ({@link PartitionProgress}): a read_committed reader sees one analysis event per result. Results not routed
 *   to analysis are committed without an event.</li>
 *   <li>On revocation or stop (SIGTERM) no new analysis starts; running ones get ANALYSIS_SHUTDOWN_GRACE, what is
 *   done is committed, the rest is read again by the partition's next owner.</li>
 * </ul>
 */
public final class AnalysisLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalysisLoop.class);
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(20);
    private static final Duration BUSY_POLL = Duration.ofMillis(10);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final int MAX_PENDING_PER_PARTITION = 1000;

    /** Where the loop reads and writes, and how much it may run at once. */
    public record Settings(String resultsTopic, String analysisTopic, int maxConcurrent, Duration shutdownGrace) {
    }

    private final Settings settings;
    private final Supplier<Consumer<String, String>> consumers;
    private final TransactionalPublisher publisher;
    private final AnalysisRoutes routes;
    private final Analyzer analyzer;
    private final ConsumeMetrics metrics;
    private final Clock clock;
    private final Map<TopicPartition, PartitionProgress> partitions = new LinkedHashMap<>();
    private final Semaphore freeSlots;
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private ExecutorService analyses;
    private Consumer<String, String> consumer;
    private Thread loopThread;
    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile boolean consuming;
    private long nextCommit;
    private long commitBackoffUntil;
    private boolean resyncNeeded;

    public AnalysisLoop(Settings settings, Supplier<Consumer<String, String>> consumers, TransactionalPublisher publisher,
                        AnalysisRoutes routes, Analyzer analyzer, ConsumeMetrics metrics, Clock clock) {
        this.settings = settings;
        this.consumers = consumers;
        this.publisher = publisher;
        this.routes = routes;
        this.analyzer = analyzer;
        this.metrics = metrics;
        this.clock = clock;
        this.freeSlots = new Semaphore(settings.maxConcurrent());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopRequested = false;
        analyses = Executors.newFixedThreadPool(settings.maxConcurrent(), task -> {
            Thread thread = new Thread(task, "analysis-" + threadNumbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        loopThread = new Thread(this::run, "analysis-consumer");
        running = true;
        loopThread.start();
    }

    @Override
    public void stop() {
        stopRequested = true;
        Thread thread = loopThread;
        if (thread != null) {
            try {
                thread.join(settings.shutdownGrace().plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the beans the analyses use. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    /** True while the loop polls (for readiness). */
    public boolean isConsuming() {
        return consuming;
    }

    private void run() {
        try (Consumer<String, String> created = consumers.get()) {
            consumer = created;
            consumer.subscribe(List.of(settings.resultsTopic()), new Rebalances());
            consuming = true;
            while (!stopRequested) {
                iterate();
            }
            drain(partitions.values(), true);
        } catch (RuntimeException e) {
            log.error("the analysis consumer stopped on an unexpected error: {}", e.toString(), e);
        } finally {
            consuming = false;
            analyses.shutdownNow();
            publisher.close();
            running = false;
            log.info("analysis consumer stopped");
        }
    }

    private void iterate() {
        try {
            ConsumerRecords<String, String> records = consumer.poll(busy() ? BUSY_POLL : IDLE_POLL);
            if (resyncNeeded) {
                resync();
                return;
            }
            long now = System.nanoTime();
            for (TopicPartition partition : records.partitions()) {
                PartitionProgress progress = partitions.get(partition);
                if (progress != null) {
                    records.records(partition).forEach(record -> take(progress, record, now));
                }
            }
            dispatch();
            if (System.nanoTime() >= nextCommit) {
                commitDone();
                nextCommit = System.nanoTime() + COMMIT_INTERVAL.toNanos();
            }
            adjustPauses();
        } catch (WakeupException | InterruptException e) {
            stopRequested = true;
        } catch (KafkaException e) {
            log.warn("Kafka error in the analysis consumer, retrying in 1 s: {}", e.toString());
            sleep(Duration.ofSeconds(1));
        }
    }

    private void take(PartitionProgress progress, ConsumerRecord<String, String> record, long now) {
        if (progress.publishedAlready(record.offset())) {
            PendingResult pending = new PendingResult(record, null, now);
            pending.finish(null);
            progress.add(pending, false);
            metrics.skipped("already_published");
            return;
        }
        ProcessingResult result;
        try {
            result = MessageCodec.decodeResult(record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8));
        } catch (InvalidMessageException e) {
            PendingResult pending = new PendingResult(record, null, now);
            log.atWarn().addKeyValue("offset", record.offset()).addKeyValue("partition", record.partition())
                    .log("skipping a record of {} that is not a result event: {}", record.topic(), e.getMessage());
            metrics.skipped("invalid");
            pending.finish(null);
            progress.add(pending, false);
            return;
        }
        PendingResult pending = new PendingResult(record, result, now);
        if (result.timestamp() != null) {
            metrics.consumerDelay(Duration.between(result.timestamp(), clock.instant()));
        }
        boolean routed = routes.routes(result);
        if (!routed) {
            metrics.skipped("not_routed");
            pending.finish(null);
        }
        progress.add(pending, routed);
    }

    private boolean busy() {
        return freeSlots.availablePermits() < settings.maxConcurrent()
                || partitions.values().stream().anyMatch(progress -> progress.pendingCount() > 0);
    }

    private void dispatch() {
        if (stopRequested) {
            return;
        }
        boolean started = true;
        while (started) {
            started = false;
            for (PartitionProgress progress : partitions.values()) {
                if (!progress.hasToStart()) {
                    continue;
                }
                if (!freeSlots.tryAcquire()) {
                    return;
                }
                start(progress.nextToStart());
                started = true;
            }
        }
    }

    private void start(PendingResult pending) {
        try {
            analyses.execute(() -> {
                try {
                    metrics.queueWait(Duration.ofNanos(System.nanoTime() - pending.pickedUpNanos()));
                    ProcessingResult result = pending.result();
                    Analysis analysis = analyze(result);
                    metrics.analysed(analysis);
                    if (!analysis.succeeded()) {
                        log.atWarn().addKeyValue("key", result.source().key()).addKeyValue("error_code", analysis.errorCode().wireName())
                                .log("the analysis of {} failed ({}): {}", result.source().key(), analysis.errorCode().wireName(), analysis.error());
                    }
                    pending.finish(new ProducerRecord<>(settings.analysisTopic(), pending.record().key(),
                            MessageCodec.encodeToString(result.withAnalysis(analysis))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    freeSlots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            freeSlots.release();
        }
    }

    private Analysis analyze(ProcessingResult result) throws InterruptedException {
        try {
            return analyzer.analyze(result);
        } catch (RuntimeException e) {
            log.atError().addKeyValue("key", result.source().key()).log("the analysis of {} failed unexpectedly: {}",
                    result.source().key(), e.toString(), e);
            return new Analysis(ResultStatus.FAILED, null, null, null, 0, null, null, null, null,
                    "the analysis failed unexpectedly: " + e, AnalysisErrorCode.INTERNAL_ERROR, clock.instant());
        }
    }

    private void adjustPauses() {
        List<TopicPartition> toPause = new ArrayList<>();
        List<TopicPartition> toResume = new ArrayList<>();
        for (PartitionProgress progress : partitions.values()) {
            boolean pause = stopRequested || progress.hasToStart() || progress.pendingCount() >= MAX_PENDING_PER_PARTITION;
            if (pause != progress.paused()) {
                (pause ? toPause : toResume).add(progress.partition());
                progress.paused(pause);
            }
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
    }

    /** Commits the analysis events done since the last commit, with every partition's offsets, in one transaction. */
    private void commitDone() {
        if (System.nanoTime() < commitBackoffUntil) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<PartitionProgress, PartitionProgress.Commit> commits = new HashMap<>();
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        for (PartitionProgress progress : partitions.values()) {
            PartitionProgress.Commit commit = progress.nextCommit();
            if (commit != null) {
                commits.put(progress, commit);
                commit.published().forEach(result -> events.add(result.output()));
                offsets.put(progress.partition(), new OffsetAndMetadata(commit.offset(), commit.metadata()));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        switch (publisher.publish(events, offsets, consumer)) {
            case COMMITTED -> {
                commits.forEach(PartitionProgress::committed);
                metrics.committed(events.size());
            }
            case RETRY -> {
                metrics.commitFailed();
                commitBackoffUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
            case RESYNC -> {
                metrics.commitFailed();
                resync();
            }
        }
    }

    /**
     * After a commit whose outcome is unknown, or an assignment whose committed offsets could not be read: restart every
     * partition from its committed offset, knowing which events past it are published.
     */
    private void resync() {
        resyncNeeded = true;
        Collection<TopicPartition> assigned = new ArrayList<>(partitions.keySet());
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
            partitions.get(partition).restore(publishedAhead(offset));
        }
        resyncNeeded = false;
        log.warn("restarted {} partition(s) from their committed offsets; the analyses not committed are redone", assigned.size());
    }

    private static NavigableSet<Long> publishedAhead(OffsetAndMetadata committed) {
        return committed == null ? new TreeSet<>() : PublishedAhead.decode(committed.offset(), committed.metadata());
    }

    /** Lets running analyses of {@code among} finish within the grace, keeping the group membership alive, then commits. */
    private void drain(Collection<PartitionProgress> among, boolean mayPoll) {
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        adjustPauses();
        while (among.stream().anyMatch(PartitionProgress::anyRunning) && System.nanoTime() < deadline) {
            if (mayPoll) {
                try {
                    consumer.poll(Duration.ofMillis(50));
                } catch (KafkaException e) {
                    sleep(Duration.ofMillis(200));
                }
            } else {
                sleep(Duration.ofMillis(20));
            }
        }
        commitBackoffUntil = 0;
        commitDone();
        if (among.stream().anyMatch(PartitionProgress::anyRunning)) {
            log.warn("ANALYSIS_SHUTDOWN_GRACE of {} s ended with analyses still running; their results will be analysed again",
                    settings.shutdownGrace().toSeconds());
        }
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the loop thread, inside poll. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            assigned.forEach(partition -> partitions.put(partition, new PartitionProgress(partition)));
            log.atInfo().addKeyValue("partitions", assigned.toString()).log("partitions assigned: {}", assigned);
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
                assigned.forEach(partition -> partitions.get(partition).restore(publishedAhead(committed.get(partition))));
            } catch (KafkaException e) {
                log.warn("cannot read the committed offsets of {} (which analysis events are published already); "
                        + "restarting from them once they can be read: {}", assigned, e.toString());
                resyncNeeded = true;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            drain(revoked.stream().map(partitions::get).filter(Objects::nonNull).toList(), false);
            release(revoked);
            log.atInfo().addKeyValue("partitions", revoked.toString()).log("partitions revoked: {}", revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            release(lost);
            log.atWarn().addKeyValue("partitions", lost.toString()).log("partitions lost (their results go to the new owner): {}", lost);
        }

        private void release(Collection<TopicPartition> gone) {
            gone.forEach(partition -> {
                PartitionProgress progress = partitions.remove(partition);
                if (progress != null) {
                    progress.abandon();
                }
            });
        }
    }
}
