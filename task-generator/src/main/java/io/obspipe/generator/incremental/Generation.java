package io.obspipe.generator.incremental;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One scan of a job: its number and its key ranges. */
record Generation(@JsonProperty("generation") long number, @JsonProperty("ranges") List<RangeState> ranges) {

    Generation {
        ranges = List.copyOf(ranges);
    }

    Generation withRanges(List<RangeState> updated) {
        return new Generation(number, updated);
    }
}
