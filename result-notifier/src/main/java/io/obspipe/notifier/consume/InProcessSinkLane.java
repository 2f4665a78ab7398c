package io.obspipe.notifier.consume;

import io.obspipe.model.KeyPoolStatus;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.config.NotifierProperties;
import io.obspipe.notifier.sink.KeyPoolSink;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Duration;
import java.util.List;

/**
 * The one lane of all {@link ResultSink#inProcess() in-process} sinks (log, metrics, summary, live feed):
 * it reads and decodes each result once and hands it to each of them in turn. They cannot be slow or
 * fail for a reason outside this process, so sharing a lane holds none of them back, and it saves a
 * consumer and a decode per result and sink. A sink that throws still only loses that result for
 * itself: the failure is counted and logged as that sink's dead letter, and the others get the result.
 * The lane also reads the analysis stage's topics when they are read at all: analysis events go to the sinks that
 * {@link ResultSink#readsAnalyses() read them}, key pool snapshots to the {@link KeyPoolSink}s.
 */
final class InProcessSinkLane extends SinkLane {

    static final String NAME = "local";
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(InProcessSinkLane.class);

    private final List<SinkDelivery> deliveries;
    private final List<SinkDelivery> analysisDeliveries;
    private final List<KeyPoolSink> keyPoolSinks;
    private final ResultRecordDecoder decoder;
    private final EventTopics topics;
    private final boolean reportsUnreadableRecords;

    InProcessSinkLane(List<SinkDelivery> deliveries, List<KeyPoolSink> keyPoolSinks, ResultRecordDecoder decoder, EventTopics topics) {
        this.deliveries = List.copyOf(deliveries);
        this.analysisDeliveries = this.deliveries.stream().filter(SinkDelivery::readsAnalyses).toList();
        this.keyPoolSinks = List.copyOf(keyPoolSinks);
        this.decoder = decoder;
        this.topics = topics;
        this.reportsUnreadableRecords = this.deliveries.stream().anyMatch(SinkDelivery::reportsUnreadableRecords);
    }

    @Override
    String name() {
        return NAME;
    }

    /**
     * NOTIFIER_LOCAL_CONCURRENCY threads (one by default): each thread owns whole partitions, so every sink still
     * gets a partition's results in order, and the sinks are thread-safe (the log sink's lines are whole lines in any
     * thread's write).
     */
    @Override
    int concurrency(NotifierProperties notifier) {
        return notifier.localThreads();
    }

    /** Whether some sink of the lane wants analysis events, so that the lane reads the analysis topic. */
    boolean readsAnalyses() {
        return !analysisDeliveries.isEmpty();
    }

    /** Whether some sink of the lane wants key pool snapshots, so that the lane reads the key pool topic. */
    boolean readsKeyPool() {
        return !keyPoolSinks.isEmpty();
    }

    /**
     * Commits without waiting: waiting for the round trip after every poll held the lane back (docs/benchmarks-history.md,
     * optimisation E), and the price, a log line or a live-feed push repeated after a crash, is small (counters and the
     * summary start from zero after a restart anyway).
     */
    @Override
    boolean waitsForCommits() {
        return false;
    }

    /**
     * A poll is done with when {@link #onMessage} returns, so the container commits by time, and what it has not
     * committed yet when the partitions are revoked or the lane stops: one commit per interval instead of one per poll,
     * which cost the lane's thread and the broker more than the poll itself (docs/benchmarks-history.md).
     */
    @Override
    Duration commitInterval() {
        return COMMIT_INTERVAL;
    }

    /** Hands each record to the sinks; the container commits on its own ({@link #commitInterval()}), so {@code ack} is null. */
    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        for (ConsumerRecord<String, byte[]> record : records) {
            switch (topics.kindOf(record)) {
                case RESULT -> deliver(record, decoder.decode(record, reportsUnreadableRecords), deliveries);
                case ANALYSIS -> deliver(record, decoder.decodeAnalysis(record, true), analysisDeliveries);
                case KEY_POOL -> deliver(decoder.decodeKeyPool(record));
            }
        }
        for (SinkDelivery delivery : deliveries) {
            delivery.endOfPoll();
        }
    }

    private static void deliver(ConsumerRecord<String, byte[]> record, ProcessingResult result, List<SinkDelivery> to) {
        if (result != null) {
            for (SinkDelivery delivery : to) {
                delivery.deliver(record, result, RetryPolicy.NONE);
            }
        }
    }

    private void deliver(KeyPoolStatus snapshot) {
        if (snapshot == null) {
            return;
        }
        for (KeyPoolSink sink : keyPoolSinks) {
            try {
                sink.deliver(snapshot);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("worker_id", snapshot.workerId()).addKeyValue("error", e.toString())
                        .log("could not show the key pool snapshot of analysis worker {}: {}", snapshot.workerId(), e.toString());
            }
        }
    }
}
