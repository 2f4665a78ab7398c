package io.obspipe.generator.incremental;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.generator.listing.ListingMeters;
import io.obspipe.generator.plan.ScanJob;
import io.obspipe.generator.task.Tasks;
import io.obspipe.model.FileTask;
import io.obspipe.model.MessageCodec;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StoredObject;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Lists one key range and merges it with the previous scan's manifest in one pass (both in key order): an
 * object whose key is not remembered is new, one remembered with another ETag changed, the rest unchanged.
 * Work is committed in batches, each one Kafka transaction holding the batch's tasks, the manifest chunk of
 * every object version it covered and the range's checkpoint, so a crash leaves either all of a batch or none.
 */
final class RangeScan {

    /** A batch ends after this many listed objects (five listing pages). */
    static final int BATCH_OBJECTS = 5_000;
    /** ... or when its manifest chunk reaches this size (keys may be up to 1 KB; Kafka's record limit is 1 MB). */
    static final int BATCH_MANIFEST_BYTES = 512 * 1024;

    private final Context context;
    private RangeState state;

    /** What every range of one scan shares. */
    record Context(JobId job, ScanJob scan, long generation, Generation previous, StateTopic topic, JobClients clients,
                   ObjectStore store, Function<String, String> topicForKey, PublishBudget budget, boolean reprocess,
                   ScanCounts counts, ListingMeters meters, MeterRegistry registry,
                   BooleanSupplier stopRequested) {
    }

    RangeScan(Context context, RangeState state) {
        this.context = context;
        this.state = state;
    }

    /** Runs the range to its end (or to a requested stop) and returns its final state. */
    RangeState run() {
        String resumeAfter = state.resumeAfter();
        Batch batch = new Batch();
        try (ManifestReader remembered = new ManifestReader(() -> context.clients().manifestConsumer(state.index()),
                context.topic(), context.job(), context.previous(), resumeAfter, state.upTo());
             Stream<StoredObject> listing = context.store().list(context.scan().bucket(), context.scan().prefix(), resumeAfter)) {
            Iterator<StoredObject> objects = listing.iterator();
            String previousKey = resumeAfter;
            while (objects.hasNext() && !context.budget().exhausted()) {
                StoredObject object = objects.next();
                if (state.upTo() != null && KeyOrder.compare(object.key(), state.upTo()) > 0) {
                    break;
                }
                if (previousKey != null && KeyOrder.compare(object.key(), previousKey) <= 0) {
                    throw new StateFormatException("the store listed '" + object.key() + "' after '" + previousKey
                            + "' in bucket '" + context.scan().bucket() + "': incremental scans need keys listed in order"
                            + " (as OBS and S3 do); set GENERATOR_INCREMENTAL=false for this store");
                }
                previousKey = object.key();
                merge(object, remembered, batch);
                if (batch.full()) {
                    commit(batch, false);
                    batch = new Batch();
                    if (context.stopRequested().getAsBoolean()) {
                        return state;
                    }
                }
            }
            if (context.budget().exhausted()) {
                batch = carryOver(remembered, batch);
            }
            commit(batch, true);
            return state;
        }
    }

    private void merge(StoredObject object, ManifestReader remembered, Batch batch) {
        context.counts().listed.increment();
        context.meters().listed().increment();
        context.meters().bytes().increment(object.size());
        batch.lastKey = object.key();
        batch.listed++;
        if (object.key().endsWith(FileTask.RESULT_SUFFIX)) {
            context.counts().skipped.increment();
            context.meters().skipped().increment();
            return;
        }
        while (remembered.peek() != null && KeyOrder.compare(remembered.peek().key(), object.key()) < 0) {
            remembered.advance();
        }
        ObjectVersion current = ObjectVersion.of(object);
        ObjectVersion before = null;
        if (remembered.peek() != null && remembered.peek().key().equals(object.key())) {
            before = remembered.peek();
            remembered.advance();
        }
        boolean unchanged = before != null && before.version().equals(current.version());
        if (before == null) {
            context.counts().newObjects.increment();
            context.meters().newObjects().increment();
        } else if (unchanged) {
            context.counts().unchanged.increment();
            context.meters().unchanged().increment();
        } else {
            context.counts().changed.increment();
            context.meters().changed().increment();
        }
        if ((context.reprocess() || !unchanged) && !context.budget().take()) {
            // over MAX_FILES: not tasked, so remembered as it was before, and tasked by a later scan
            if (before != null) {
                batch.remember(before);
            }
            return;
        }
        if (context.reprocess() || !unchanged) {
            batch.tasks.add(Tasks.forObject(object, context.scan().destBucket(), null));
        }
        batch.remember(current);
    }

    /** MAX_FILES reached: the rest of the range is not listed, and what was remembered of it stays remembered. */
    private Batch carryOver(ManifestReader remembered, Batch batch) {
        for (ObjectVersion left = remembered.peek(); left != null; left = remembered.peek()) {
            batch.remember(left);
            batch.lastKey = left.key();
            remembered.advance();
            if (batch.manifestBytes >= BATCH_MANIFEST_BYTES || batch.entries.size() >= BATCH_OBJECTS) {
                commit(batch, false);
                batch = new Batch();
            }
        }
        return batch;
    }

    private void commit(Batch batch, boolean done) {
        StateTopic topic = context.topic();
        Map<String, Integer> perTopic = new LinkedHashMap<>();
        boolean chunk = !batch.entries.isEmpty();
        RangeState next = state.advanced(batch.lastKey, chunk, done);
        context.clients().transaction(state.index(), topic.name(), producer -> {
            for (FileTask task : batch.tasks) {
                String target = context.topicForKey().apply(task.key());
                producer.send(new ProducerRecord<>(target, task.key(), MessageCodec.encode(task)));
                perTopic.merge(target, 1, Integer::sum);
            }
            if (chunk) {
                producer.send(new ProducerRecord<>(topic.name(), state.partition(),
                        StateTopic.chunkKey(context.job(), context.generation(), state.index(), state.chunks()),
                        ManifestChunk.encode(batch.entries)));
            }
            producer.send(new ProducerRecord<>(topic.name(), StateTopic.CONTROL_PARTITION,
                    StateTopic.checkpointKey(context.job(), context.generation(), state.index()), StateTopic.encode(next)));
        });
        state = next;
        perTopic.forEach((target, count) -> {
            context.counts().published(target, count);
            context.registry().counter("pipeline.generator.tasks.published", "topic", target).increment(count);
        });
    }

    /** The work between two commits. */
    private static final class Batch {
        final List<FileTask> tasks = new ArrayList<>();
        final List<ObjectVersion> entries = new ArrayList<>();
        String lastKey;
        int listed;
        long manifestBytes;

        void remember(ObjectVersion version) {
            entries.add(version);
            manifestBytes += version.key().length() + version.version().length() + 4L;
        }

        boolean full() {
            return listed >= BATCH_OBJECTS || manifestBytes >= BATCH_MANIFEST_BYTES;
        }
    }
}
