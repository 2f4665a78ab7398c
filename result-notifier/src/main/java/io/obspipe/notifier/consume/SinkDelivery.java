package io.obspipe.notifier.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.BatchSink;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands one record's result to a sink and keeps the books of a lane: times and counts every attempt,
 * remembers the failing result of each partition to know its attempts and how long it has been
 * failing, asks the sink's {@link RetryPolicy} for the pause before the next attempt, and writes the
 * dead-letter record (one log line with the whole result, and a count) when the lane gives up.
 * The pause grows with the sink's failures in a row, whichever partition's result failed, so a sink
 * that is down sees one request per back-off step however many partitions wait for it.
 */
final class SinkDelivery {

    private static final Logger log = LoggerFactory.getLogger(SinkDelivery.class);

    private final ResultSink sink;
    private final ResultRecordDecoder decoder;
    private final EventTopics topics;
    private final Clock clock;
    private final Counter delivered;
    private final Counter failed;
    private final Counter skipped;
    private final Counter deadLetters;
    private final Timer latency;
    /** The result each partition is retrying, if any; a partition is read by one lane thread at a time. */
    private final Map<TopicPartition, Failure> failing = new ConcurrentHashMap<>();
    private final AtomicInteger failuresInARow = new AtomicInteger();

    SinkDelivery(ResultSink sink, ResultRecordDecoder decoder, EventTopics topics, MeterRegistry meters, Clock clock) {
        this.sink = sink;
        this.decoder = decoder;
        this.topics = topics;
        this.clock = clock;
        this.delivered = deliveries(meters, "delivered");
        this.failed = deliveries(meters, "failed");
        this.skipped = deliveries(meters, "skipped");
        this.deadLetters = Counter.builder("pipeline.notifier.sink.dead_letters")
                .description("Results a sink gave up on after its retry budget (each also has a dead-letter log line)")
                .tag("sink", sink.name())
                .register(meters);
        this.latency = Timer.builder("pipeline.notifier.sink.latency")
                .description("Time a sink took for one delivery attempt of one result, or of a poll's batch")
                .tag("sink", sink.name())
                .register(meters);
    }

    String sinkName() {
        return sink.name();
    }

    boolean reportsUnreadableRecords() {
        return sink.reportsUnreadableRecords();
    }

    boolean readsAnalyses() {
        return sink.readsAnalyses();
    }

    /**
     * Delivers the record's result (or analysis event, from the analysis topic) once, following the given policy on failure.
     *
     * @return null when the record is done with (delivered, skipped, unreadable or given up on),
     * else the pause before it is to be tried again
     */
    Duration deliver(ConsumerRecord<String, byte[]> record, RetryPolicy policy) {
        ProcessingResult result = isAnalysis(record)
                ? decoder.decodeAnalysis(record, reportsUnreadableRecords())
                : decoder.decode(record, reportsUnreadableRecords());
        return result == null ? null : deliver(record, result, policy);
    }

    /**
     * Like {@link #deliver(ConsumerRecord, RetryPolicy)}, for a record whose result the lane decoded already.
     * An analysis event goes only to a sink that {@link ResultSink#readsAnalyses() reads them}, and is not counted for another.
     */
    Duration deliver(ConsumerRecord<String, byte[]> record, ProcessingResult result, RetryPolicy policy) {
        boolean analysis = isAnalysis(record);
        if (analysis && !sink.readsAnalyses()) {
            return null;
        }
        if (!sink.accepts(result)) {
            skipped.increment();
            return null;
        }
        long started = System.nanoTime();
        try {
            if (analysis) {
                sink.deliverAnalysis(result);
            } else {
                sink.deliver(result);
            }
            delivered.increment();
            failuresInARow.set(0);
            if (!failing.isEmpty()) {
                failing.remove(new TopicPartition(record.topic(), record.partition()));
            }
            return null;
        } catch (Exception e) {
            failed.increment();
            int inARow = failuresInARow.incrementAndGet();
            Instant now = clock.instant();
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            Failure failure = failed(partition, record.offset(), now);
            Duration pause = e instanceof PermanentDeliveryException
                    ? null
                    : policy.pauseAfter(inARow, Duration.between(failure.since(), now));
            if (pause == null) {
                failing.remove(partition);
                deadLetter(record, result, failure.attempts(), e);
                return null;
            }
            log.atWarn()
                    .addKeyValue("sink", sink.name())
                    .addKeyValue("task_id", result.taskId())
                    .addKeyValue("file_key", ResultFields.sourceKey(result))
                    .addKeyValue("attempt", failure.attempts())
                    .addKeyValue("error", e.toString())
                    .log("sink {} could not deliver the result of {} (attempt {}), retrying in {}: {}",
                            sink.name(), ResultFields.sourceKey(result), failure.attempts(), pause, e.toString());
            return pause;
        } finally {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Delivers the results of a poll's records to a {@link BatchSink} at once, following the given policy when that
     * fails; the lane reads no analysis events for it.
     *
     * @return null when the records are done with (delivered, skipped, unreadable or given up on),
     * else the pause before the poll is to be tried again
     * @throws PermanentDeliveryException when the sink refused the batch, and the lane is to deliver it one by one
     */
    Duration deliverAll(List<ConsumerRecord<String, byte[]>> records, RetryPolicy policy) throws PermanentDeliveryException {
        List<ProcessingResult> results = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> ofResults = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            ProcessingResult result = isAnalysis(record) ? null : decoder.decode(record, reportsUnreadableRecords());
            if (result == null) {
                continue;
            }
            if (sink.accepts(result)) {
                results.add(result);
                ofResults.add(record);
            } else {
                skipped.increment();
            }
        }
        if (results.isEmpty()) {
            return null;
        }
        long started = System.nanoTime();
        try {
            ((BatchSink) sink).deliverAll(results);
            delivered.increment(results.size());
            failuresInARow.set(0);
            if (!failing.isEmpty()) {
                records.forEach(record -> failing.remove(new TopicPartition(record.topic(), record.partition())));
            }
            return null;
        } catch (PermanentDeliveryException e) {
            throw e;
        } catch (Exception e) {
            failed.increment(results.size());
            int inARow = failuresInARow.incrementAndGet();
            Instant now = clock.instant();
            Failure failure = failedPoll(records, now);
            Duration pause = policy.pauseAfter(inARow, Duration.between(failure.since(), now));
            if (pause == null) {
                records.forEach(record -> failing.remove(new TopicPartition(record.topic(), record.partition())));
                for (int i = 0; i < results.size(); i++) {
                    deadLetter(ofResults.get(i), results.get(i), failure.attempts(), e);
                }
                return null;
            }
            log.atWarn()
                    .addKeyValue("sink", sink.name())
                    .addKeyValue("results", results.size())
                    .addKeyValue("attempt", failure.attempts())
                    .addKeyValue("error", e.toString())
                    .log("sink {} could not deliver a batch of {} results (attempt {}), retrying in {}: {}",
                            sink.name(), results.size(), failure.attempts(), pause, e.toString());
            return pause;
        } finally {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Notes a failed attempt at a poll for each of its partitions, from the poll's first record of each, and returns the
     * oldest failure among them: a poll handed back is polled again from those records, perhaps with its partitions in
     * another order.
     */
    private Failure failedPoll(List<ConsumerRecord<String, byte[]>> records, Instant now) {
        Failure oldest = null;
        Set<TopicPartition> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (seen.add(partition)) {
                Failure failure = failed(partition, record.offset(), now);
                if (oldest == null || failure.since().isBefore(oldest.since())) {
                    oldest = failure;
                }
            }
        }
        return oldest;
    }

    private Failure failed(TopicPartition partition, long offset, Instant now) {
        return failing.merge(partition, new Failure(offset, now, 1),
                (previous, first) -> previous.offset() == offset ? previous.again() : first);
    }

    /** Lets the sink write out what it held back during the poll ({@link ResultSink#endOfPoll()}). */
    void endOfPoll() {
        sink.endOfPoll();
    }

    private boolean isAnalysis(ConsumerRecord<String, byte[]> record) {
        return topics.kindOf(record) == EventTopics.Kind.ANALYSIS;
    }

    /** Records that the lane gave up on a batch of buffered results it could not send. */
    void deadLetterBuffer(int results, int attempts, String dropped, Exception error) {
        deadLetters.increment(results);
        log.atError()
                .addKeyValue("sink", sink.name())
                .addKeyValue("results", results)
                .addKeyValue("attempts", attempts)
                .addKeyValue("error", error.toString())
                .addKeyValue("dropped", dropped)
                .log("sink {} gave up on {} buffered results after {} attempts: {}", sink.name(), results, attempts, error.toString());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, ProcessingResult result, int attempts, Exception error) {
        deadLetters.increment();
        log.atError()
                .addKeyValue("sink", sink.name())
                .addKeyValue("task_id", result.taskId())
                .addKeyValue("file_key", ResultFields.sourceKey(result))
                .addKeyValue("attempts", attempts)
                .addKeyValue("error", error.toString())
                .addKeyValue("topic", record.topic())
                .addKeyValue("partition", record.partition())
                .addKeyValue("offset", record.offset())
                .addKeyValue("result", MessageCodec.encodeToString(result))
                .log("sink {} gave up on the result of {} after {} attempt{}: {}", sink.name(), ResultFields.sourceKey(result),
                        attempts, attempts == 1 ? "" : "s", error.toString());
    }

    private Counter deliveries(MeterRegistry meters, String outcome) {
        return Counter.builder("pipeline.notifier.sink.deliveries")
                .description("Delivery attempts of results and analysis events to a sink, by outcome (skipped: the sink does not want the result)")
                .tag("sink", sink.name())
                .tag("outcome", outcome)
                .register(meters);
    }

    private record Failure(long offset, Instant since, int attempts) {

        Failure again() {
            return new Failure(offset, since, attempts + 1);
        }
    }
}
