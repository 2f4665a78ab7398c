package io.obspipe.worker.processing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one object as parts of about equal size, on several threads, and merges the parts'
 * statistics in order into those the one-stream read gives; the {@link PartFormat} parses and merges.
 *
 * <p>A part other than the first is read <em>speculatively</em> from the first line break at or after
 * its start offset, as if that break ended a record. The part before it reads on past its own end to
 * finish its last record and tells where the next record truly begins; the merge (in order) accepts a
 * part only if it began there. A part that began inside a record (a line break in a quoted CSV
 * value) is read again from the true boundary, and so is a part that failed, so that errors name the
 * same line as the one-stream read. Parts are taken in order and at most {@link #AHEAD_PER_THREAD}
 * per thread wait unmerged, so memory stays bounded whatever the object's size.
 */
final class ParallelReading<P extends ContentPart<P>> {

    private static final int AHEAD_PER_THREAD = 2;

    private final ContentRanges content;
    private final PartFormat<P> format;
    private final String key;
    private final long[] starts;
    private final Object[] finished;
    private final AtomicInteger nextPart = new AtomicInteger(1);
    private final int threads;
    private volatile boolean cancelled;
    private Exception firstFailure;
    private int merged;
    private P whole;

    ParallelReading(ContentRanges content, PartFormat<P> format, String key, PartReading reading) {
        this.content = content;
        this.format = format;
        this.key = key;
        long size = content.size();
        int parts = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1, (size + reading.partBytes() - 1) / reading.partBytes()));
        this.starts = new long[parts + 1];
        for (int i = 0; i <= parts; i++) {
            starts[i] = (long) ((double) size * i / parts);
        }
        this.finished = new Object[parts];
        this.threads = Math.min(reading.threads(), parts);
    }

    /** The summary of the whole object; {@code executor} runs the threads beside the caller's. */
    Map<String, Object> summarize(Executor executor) throws IOException {
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        try {
            return summarize(executor, helpers);
        } catch (IOException | RuntimeException e) {
            throw rootFailure(e);
        } finally {
            synchronized (this) {
                cancelled = true;
                notifyAll();
            }
            for (CompletableFuture<Void> helper : helpers) {
                helper.exceptionally(failure -> null).join();
            }
        }
    }

    private Map<String, Object> summarize(Executor executor, List<CompletableFuture<Void>> helpers) throws IOException {
        try (InputStream first = new RangeStream(content, 0, starts[1], () -> cancelled)) {
            P part = format.readFirst(first, starts[1], content.size(), () -> {
                for (int i = 1; i < threads; i++) {
                    helpers.add(CompletableFuture.runAsync(this::readParts, executor));
                }
            });
            if (part.failed) {
                part = reread(part.firstRecord, null, starts[1]);
            }
            synchronized (this) {
                whole = part;
                merged = 1;
                mergeFinished();
            }
            readParts();
            for (CompletableFuture<Void> helper : helpers) {
                helper.join();
            }
            synchronized (this) {
                mergeFinished();
                return format.summary(whole);
            }
        }
    }

    /** Takes parts in order, reads each speculatively and merges what joins up, until none is left. */
    private void readParts() {
        try {
            for (int part = takePart(); part >= 0; part = takePart()) {
                P read = speculate(part);
                synchronized (this) {
                    finished[part] = read;
                    mergeFinished();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(stopAll(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(stopAll(new InterruptedIOException("interrupted while reading parts of " + key)));
        } catch (RuntimeException e) {
            throw stopAll(e);
        }
    }

    /** Makes every thread stop at its next read or wait: a part that failed for good is never merged. */
    private <T extends Exception> T stopAll(T failure) {
        synchronized (this) {
            if (!cancelled) {
                firstFailure = failure;
            }
            cancelled = true;
            notifyAll();
        }
        return failure;
    }

    /** The next part to read, once fewer than {@link #AHEAD_PER_THREAD} per thread wait unmerged before it; -1 if none is left. */
    private int takePart() throws InterruptedException {
        int part = nextPart.getAndIncrement();
        if (part >= finished.length) {
            return -1;
        }
        synchronized (this) {
            while (part - merged >= AHEAD_PER_THREAD * threads && !cancelled) {
                wait();
            }
        }
        return cancelled ? -1 : part;
    }

    /** Reads part {@code index} from the first line break at or after its start; a failure waits in the result for the merge to judge. */
    private P speculate(int index) throws IOException {
        long start = starts[index];
        try (PushbackInputStream in = new PushbackInputStream(
                new BufferedInputStream(new RangeStream(content, start - 1, starts[index + 1], () -> cancelled)), 1)) {
            long boundary = afterFirstLineBreak(in, start - 1, format.carriageReturnEndsLine());
            try {
                // with no line break left, the part reads nothing from the stream's end
                return format.speculate(in, boundary < 0 ? content.size() : boundary, starts[index + 1], content.size());
            } catch (CorruptContentException e) {
                return failedPart(index);
            }
        }
    }

    /** A part that stands only for its failure: the merge reads it again. */
    private P failedPart(int index) throws IOException {
        P part = format.speculate(InputStream.nullInputStream(), content.size(), starts[index + 1], content.size());
        part.failed = true;
        return part;
    }

    /**
     * Consumes {@code in}, which starts at {@code offset}, up to and including the first line break
     * ({@code \n}, {@code \r\n} or, if {@code carriageReturn} ends a line, a lone {@code \r}) that ends at
     * or after {@code offset + 1}, and returns the offset after it; -1 if there is none.
     */
    static long afterFirstLineBreak(PushbackInputStream in, long offset, boolean carriageReturn) throws IOException {
        int before = in.read();
        long at = offset + 1;
        if (before == '\n') {
            return at;
        }
        int b = in.read();
        if (before == '\r' && carriageReturn) {
            if (b == '\n') {
                return at + 1;
            }
            if (b >= 0) {
                in.unread(b);
            }
            return at;
        }
        for (; b >= 0; b = in.read(), at++) {
            if (b == '\n') {
                return at + 1;
            }
            if (b == '\r' && carriageReturn) {
                int after = in.read();
                if (after == '\n') {
                    return at + 2;
                }
                if (after >= 0) {
                    in.unread(after);
                }
                return at + 1;
            }
        }
        return -1;
    }

    /** Merges, in order, the parts read so far that join up with the whole; re-reads those that do not. */
    private void mergeFinished() throws IOException {
        while (whole != null && merged < finished.length && finished[merged] != null) {
            @SuppressWarnings("unchecked")
            P part = (P) finished[merged];
            finished[merged] = null;
            long stop = starts[merged + 1];
            if (whole.nextRecord < stop && (part.firstRecord != whole.nextRecord || part.failed)) {
                part = reread(whole.nextRecord, whole, stop);
            }
            if (whole.nextRecord < stop) {
                whole.merge(part);
            }
            merged++;
            notifyAll();
        }
    }

    /** Reads from a record boundary that the parts {@code before} have proven, with the line counts they give. */
    private P reread(long from, P before, long stop) throws IOException {
        try (InputStream in = new RangeStream(content, from, stop, () -> false)) {
            return format.reread(in, from, before, stop, content.size());
        }
    }

    /**
     * The failure that stopped the read: the first a thread met, rather than the cancellation the
     * others met because of it.
     */
    private IOException rootFailure(Exception caught) {
        Exception failure;
        synchronized (this) {
            failure = firstFailure != null ? firstFailure : caught;
        }
        while (failure instanceof CompletionException || failure instanceof UncheckedIOException) {
            failure = (Exception) failure.getCause();
        }
        if (failure instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) failure;
    }
}
