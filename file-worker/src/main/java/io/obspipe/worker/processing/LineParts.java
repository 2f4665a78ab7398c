package io.obspipe.worker.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * A format whose records are lines (NDJSON, text) as {@link ParallelReading} reads it: every line
 * start begins a record, so a part read from the first line start at or after its start offset and
 * cut after the line break that the next part begins at always joins up. A part that fails is read
 * again from its start to the content's end, without the cut: the one-stream read fails there too,
 * and the uncut read fails as it does, with the line and offset the merged parts before count.
 */
final class LineParts<P extends ContentPart<P>> implements PartFormat<P> {

    /** Parses whole lines of UTF-8 that begin {@code byteOffset} bytes into the content, after the lines of {@code before}. */
    interface LineParser<P> {
        P read(InputStream in, long byteOffset, P before, boolean atContentStart) throws IOException;
    }

    private final boolean carriageReturn;
    private final LineParser<P> parser;
    private final Function<P, Map<String, Object>> summary;
    /** Where the content begins after a byte order mark, which the one-stream read never sees. */
    private long contentStart;

    LineParts(boolean carriageReturn, LineParser<P> parser, Function<P, Map<String, Object>> summary) {
        this.carriageReturn = carriageReturn;
        this.parser = parser;
        this.summary = summary;
    }

    @Override
    public boolean carriageReturnEndsLine() {
        return carriageReturn;
    }

    @Override
    public P readFirst(InputStream content, long stop, long end, Runnable othersMayStart) throws IOException {
        PushbackInputStream in = LeadingByteOrderMark.readable(content);
        contentStart = LeadingByteOrderMark.skip(in);
        othersMayStart.run();
        try {
            // no line break ends inside the mark, so the next part's first line start is past it
            return speculate(in, contentStart, Math.max(stop, contentStart + 1), end);
        } catch (CorruptContentException e) {
            P failed = parser.read(InputStream.nullInputStream(), 0, null, false);
            failed.firstRecord = contentStart;
            failed.failed = true;
            return failed;
        }
    }

    @Override
    public P speculate(InputStream in, long from, long stop, long end) throws IOException {
        LineCut lines = new LineCut(in, from, stop, carriageReturn);
        P part = parser.read(lines, from - contentStart, null, from == contentStart);
        part.firstRecord = from;
        part.nextRecord = lines.end();
        return part;
    }

    @Override
    public P reread(InputStream in, long from, P before, long stop, long end) throws IOException {
        P part = parser.read(in, from - contentStart, before, from == contentStart);
        part.firstRecord = from;
        part.nextRecord = end;
        return part;
    }

    @Override
    public Map<String, Object> summary(P whole) {
        return summary.apply(whole);
    }
}
