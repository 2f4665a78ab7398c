package io.obspipe.generator.incremental;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The previous scan's manifest for one key range, in key order, one chunk in memory at a time: the chunks of
 * each old range that overlaps ({@code after}, {@code upTo}], read from their partition of the state topic.
 */
final class ManifestReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final StateTopic topic;
    private final JobId job;
    private final long generation;
    private final String after;
    private final String upTo;
    private final Deque<RangeState> oldRanges = new ArrayDeque<>();
    private final Consumer<String, byte[]> consumer;
    private RangeState reading;
    private long nextChunk;
    private long partitionEnd;
    private Iterator<ConsumerRecord<String, byte[]>> fetched = List.<ConsumerRecord<String, byte[]>>of().iterator();
    private Iterator<ObjectVersion> chunk = List.<ObjectVersion>of().iterator();
    private ObjectVersion head;

    /**
     * An empty manifest when {@code previous} is null (the job's first scan). The consumer, taken from
     * {@code consumers} only when there is something to read, is the job's to keep: {@link #close()} unassigns it.
     */
    ManifestReader(Supplier<Consumer<String, byte[]>> consumers, StateTopic topic, JobId job, Generation previous,
                   String after, String upTo) {
        this.topic = topic;
        this.job = job;
        this.generation = previous == null ? 0 : previous.number();
        this.after = after;
        this.upTo = upTo;
        if (previous != null) {
            previous.ranges().stream().filter(this::overlaps).forEach(oldRanges::add);
        }
        this.consumer = oldRanges.isEmpty() ? null : consumers.get();
        advance();
    }

    private boolean overlaps(RangeState old) {
        boolean endsAfterStart = old.upTo() == null || after == null || KeyOrder.compare(old.upTo(), after) > 0;
        boolean startsBeforeEnd = old.after() == null || upTo == null || KeyOrder.compare(old.after(), upTo) < 0;
        return endsAfterStart && startsBeforeEnd && old.chunks() > 0;
    }

    /** The next remembered object version, or null when the manifest is exhausted. */
    ObjectVersion peek() {
        return head;
    }

    void advance() {
        head = null;
        while (head == null) {
            while (chunk.hasNext()) {
                ObjectVersion candidate = chunk.next();
                if (KeyOrder.inRange(candidate.key(), after, upTo)) {
                    head = candidate;
                    return;
                }
            }
            if (!nextChunk()) {
                return;
            }
        }
    }

    private boolean nextChunk() {
        while (reading == null || nextChunk >= reading.chunks()) {
            reading = oldRanges.poll();
            if (reading == null) {
                return false;
            }
            nextChunk = 0;
            TopicPartition partition = new TopicPartition(topic.name(), reading.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, reading.startOffset());
            partitionEnd = consumer.endOffsets(List.of(partition)).get(partition);
            fetched = List.<ConsumerRecord<String, byte[]>>of().iterator();
        }
        String expected = StateTopic.chunkKey(job, generation, reading.index(), nextChunk);
        TopicPartition partition = new TopicPartition(topic.name(), reading.partition());
        while (true) {
            while (fetched.hasNext()) {
                ConsumerRecord<String, byte[]> record = fetched.next();
                if (expected.equals(record.key())) {
                    nextChunk++;
                    try {
                        chunk = ManifestChunk.decode(record.value()).iterator();
                    } catch (StateFormatException e) {
                        throw new StateFormatException(topic.where(record.key(), record.offset()) + ": " + e.getMessage(), e);
                    }
                    return true;
                }
            }
            if (consumer.position(partition) >= partitionEnd) {
                throw new StateFormatException("state topic '" + topic.name() + "' lacks manifest chunk " + expected
                        + " (partition " + reading.partition() + " from offset " + reading.startOffset()
                        + "): was the topic truncated or its records deleted by retention?");
            }
            fetched = consumer.poll(POLL).iterator();
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.unsubscribe();
        }
    }
}
