package io.obspipe.generator.incremental;

import io.obspipe.model.MessageCodec;
import tools.jackson.core.JacksonException;

/**
 * The layout of GENERATOR_STATE_TOPIC, a compacted topic. Partition 0 holds each job's head and its ranges'
 * checkpoints (small records, read in full at startup); the manifest chunks of range {@code i} go to partition
 * {@code 1 + i mod (partitions - 1)}, so reading one range's manifest skips little else. Record keys start with
 * the job's id; a superseded scan's records are deleted with tombstones when the next one completes.
 */
record StateTopic(String name, int partitions) {

    static final int CONTROL_PARTITION = 0;
    /** Partitions of a state topic the generator creates: control plus eight for manifests. */
    static final int CREATED_PARTITIONS = 9;

    int chunkPartition(int range) {
        return partitions <= 1 ? CONTROL_PARTITION : 1 + range % (partitions - 1);
    }

    static String headKey(JobId job) {
        return job.id() + "/head";
    }

    static String checkpointKey(JobId job, long generation, int range) {
        return job.id() + "/g" + generation + "/r" + range;
    }

    static String chunkKey(JobId job, long generation, int range, long chunk) {
        return checkpointKey(job, generation, range) + "/c" + chunk;
    }

    static byte[] encode(Object value) {
        return MessageCodec.encode(value);
    }

    JobHead decodeHead(String key, byte[] value, long offset) {
        JobHead head = decode(key, value, offset, JobHead.class);
        if (head.format() > JobHead.FORMAT) {
            throw new StateFormatException(where(key, offset) + " was written by a newer version of the generator (format "
                    + head.format() + ")");
        }
        return head;
    }

    RangeState decodeCheckpoint(String key, byte[] value, long offset) {
        return decode(key, value, offset, RangeState.class);
    }

    private <T> T decode(String key, byte[] value, long offset, Class<T> type) {
        try {
            return MessageCodec.mapper().readValue(value, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new StateFormatException(where(key, offset) + " is not a state record of this generator", e);
        }
    }

    String where(String key, long offset) {
        return "the record '" + key + "' at offset " + offset + " of state topic '" + name + "'";
    }
}
