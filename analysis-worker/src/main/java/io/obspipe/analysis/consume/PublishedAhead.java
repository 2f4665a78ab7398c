package io.obspipe.analysis.consume;

import java.util.Base64;
import java.util.BitSet;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The offsets at or past a partition's committed offset whose analysis events are committed already, carried in the
 * committed offset's metadata (committed in the same transaction as those events). A worker that takes the
 * partition over reads them back and publishes none of them again, so an analysis may be published as soon as it
 * is done instead of after every earlier result of its partition.
 * <p>
 * The metadata is {@code "ahead:"} and the Base64 of a bit set whose bit {@code i} stands for offset
 * {@code committed + i}. Kafka bounds offset metadata ({@code offset.metadata.max.bytes}, 4096 by default), so the
 * offsets covered reach at most {@link #MAX_SPAN} past the committed offset.
 */
final class PublishedAhead {

    private static final String PREFIX = "ahead:";
    /** Keeps the metadata under 1,024 characters. */
    static final int MAX_SPAN = 6_000;

    private PublishedAhead() {
    }

    static String encode(long committed, NavigableSet<Long> offsets) {
        NavigableSet<Long> covered = offsets.tailSet(committed, true);
        if (covered.isEmpty()) {
            return "";
        }
        BitSet bits = new BitSet();
        for (long offset : covered) {
            long bit = offset - committed;
            if (bit >= MAX_SPAN) {
                throw new IllegalArgumentException("offset " + offset + " is more than " + MAX_SPAN + " past the committed " + committed);
            }
            bits.set((int) bit);
        }
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(bits.toByteArray());
    }

    /** The offsets {@code metadata} names; none for metadata this class did not write. */
    static NavigableSet<Long> decode(long committed, String metadata) {
        NavigableSet<Long> offsets = new TreeSet<>();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return offsets;
        }
        BitSet bits = BitSet.valueOf(Base64.getDecoder().decode(metadata.substring(PREFIX.length())));
        bits.stream().forEach(bit -> offsets.add(committed + bit));
        return offsets;
    }
}
