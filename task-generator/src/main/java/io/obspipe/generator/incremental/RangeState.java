package io.obspipe.generator.incremental;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One key range of a scan and how far it got: the keys in ({@code after}, {@code upTo}] (null = open), its
 * manifest chunks in state-topic partition {@code partition} from offset {@code startOffset} on, numbered
 * 0 to {@code chunks - 1}, the last key covered, and whether the range is finished.
 */
record RangeState(
        @JsonProperty("index") int index,
        @JsonProperty("after") String after,
        @JsonProperty("up_to") String upTo,
        @JsonProperty("partition") int partition,
        @JsonProperty("start_offset") long startOffset,
        @JsonProperty("chunks") long chunks,
        @JsonProperty("last_key") String lastKey,
        @JsonProperty("done") boolean done) {

    static RangeState planned(int index, String after, String upTo, int partition, long startOffset) {
        return new RangeState(index, after, upTo, partition, startOffset, 0, null, false);
    }

    RangeState advanced(String lastKey, boolean addedChunk, boolean done) {
        return new RangeState(index, after, upTo, partition, startOffset, addedChunk ? chunks + 1 : chunks,
                lastKey != null ? lastKey : this.lastKey, done);
    }

    /** Where listing resumes: after the last key covered, else after the range's lower bound. */
    String resumeAfter() {
        return lastKey != null ? lastKey : after;
    }
}
