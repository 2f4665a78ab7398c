package io.obspipe.notifier.sink.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The output of Spring Boot's console appender ({@code CONSOLE}), which lets a thread hold back the writes of the lines
 * it logs until it {@link #release() releases} them: the log sink logs a poll's results as one write to standard output
 * instead of one per line. The lines of a thread that holds nothing are written at once as before, and take the held
 * lines of other threads with them; each write holds whole lines, so lines never interleave. Writes go to the current
 * {@link System#out}, as the appender's own output does.
 */
final class HeldConsoleLines extends OutputStream {

    /** Held bytes beyond which the lines are written anyway, so that a long poll does not grow the buffer without end. */
    private static final int MAX_HELD_BYTES = 64 * 1024;

    private final Buffer held = new Buffer();
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    /**
     * Puts a holding output under the {@code CONSOLE} appender; when there is none (logging set up otherwise), the
     * lines are written as that setup writes them and {@link #hold()} / {@link #release()} change nothing.
     */
    static HeldConsoleLines install() {
        HeldConsoleLines lines = new HeldConsoleLines();
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context
                && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE") instanceof ConsoleAppender<?> console) {
            console.setOutputStream(lines);
        }
        return lines;
    }

    /** Holds back the lines the calling thread logs from now on, until it releases them. */
    void hold() {
        holding.set(true);
    }

    /** Writes what is held and stops holding for the calling thread. */
    void release() {
        holding.set(false);
        flush();
    }

    @Override
    public synchronized void write(int b) {
        held.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        held.write(bytes, offset, length);
    }

    /** The appender flushes after each line: written now, unless the calling thread holds its lines and few are held. */
    @Override
    public void flush() {
        if (holding.get() && size() < MAX_HELD_BYTES) {
            return;
        }
        writeHeld();
    }

    private synchronized int size() {
        return held.size();
    }

    private synchronized void writeHeld() {
        if (held.size() > 0) {
            PrintStream out = System.out;
            held.writeTo(out);
            held.reset();
        }
    }

    /** The appender closes its output when it stops or changes it: what is held is written first, standard output stays open. */
    @Override
    public void close() {
        writeHeld();
    }

    private static final class Buffer extends ByteArrayOutputStream {

        Buffer() {
            super(MAX_HELD_BYTES * 2);
        }

        /** One write of every held line, without the copy {@link #toByteArray()} makes. */
        void writeTo(PrintStream out) {
            out.write(buf, 0, count);
            out.flush();
        }
    }
}
