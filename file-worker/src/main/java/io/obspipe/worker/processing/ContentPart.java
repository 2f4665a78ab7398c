package io.obspipe.worker.processing;

/**
 * The statistics of a run of consecutive records of an object, and where the run began and ended in
 * the content, so that runs read on different threads can be checked to join up and then be merged
 * (see {@link ParallelReading}).
 */
abstract class ContentPart<P extends ContentPart<P>> {

    /** Offset of the first record read, or of the end of the content if none was. */
    long firstRecord;
    /** Offset of the first record left to the next part, or of the end of the content. */
    long nextRecord;
    /** Read speculatively and met content it took for corrupt: only a read from a proven boundary can tell. */
    boolean failed;

    /** Adds {@code later}, the part that begins where this one ends. */
    final void merge(P later) {
        mergeStatistics(later);
        nextRecord = later.nextRecord;
    }

    abstract void mergeStatistics(P later);
}
