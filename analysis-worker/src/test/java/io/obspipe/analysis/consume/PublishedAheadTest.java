package io.obspipe.analysis.consume;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PublishedAheadTest {

    @Test
    void offsetsAtAndPastTheCommittedOneRoundTripThroughTheMetadata() {
        long committed = 1_000_000_000_000L;
        TreeSet<Long> offsets = new TreeSet<>(List.of(committed - 3, committed, committed + 7, committed + PublishedAhead.MAX_SPAN - 1));

        String metadata = PublishedAhead.encode(committed, offsets);

        assertThat(PublishedAhead.decode(committed, metadata))
                .containsExactly(committed, committed + 7, committed + PublishedAhead.MAX_SPAN - 1);
        assertThat(metadata.length()).as("within Kafka's default offset.metadata.max.bytes").isLessThan(1_024);
    }

    @Test
    void noOffsetsIsEmptyMetadataAndMetadataOfAnotherWriterNamesNone() {
        assertThat(PublishedAhead.encode(5, new TreeSet<>(List.of(1L, 4L)))).isEmpty();
        assertThat(PublishedAhead.decode(5, "")).isEmpty();
        assertThat(PublishedAhead.decode(5, null)).isEmpty();
        assertThat(PublishedAhead.decode(5, "written by someone else")).isEmpty();
    }

    @Test
    void anOffsetBeyondTheSpanIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PublishedAhead.encode(0, new TreeSet<>(List.of((long) PublishedAhead.MAX_SPAN))));
    }
}
