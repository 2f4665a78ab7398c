package io.obspipe.notifier.sink.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class HeldConsoleLinesTest {

    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HeldConsoleLines lines = new HeldConsoleLines();

    @BeforeEach
    void captureStandardOutput() {
        System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(originalOut);
    }

    @Test
    void aLineIsWrittenAtItsFlushWhenTheThreadHoldsNothing() {
        log("one\n");

        assertThat(written()).isEqualTo("one\n");
    }

    @Test
    void heldLinesAreWrittenTogetherWhenReleased() {
        lines.hold();
        log("one\n");
        log("two\n");
        assertThat(written()).isEmpty();

        lines.release();

        assertThat(written()).isEqualTo("one\ntwo\n");
        log("three\n");
        assertThat(written()).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void aLineOfAnotherThreadTakesTheHeldLinesWithIt() {
        lines.hold();
        log("held\n");

        CompletableFuture.runAsync(() -> log("other\n")).join();

        assertThat(written()).isEqualTo("held\nother\n");
    }

    @Test
    void manyHeldBytesAreWrittenWithoutWaitingForTheRelease() {
        lines.hold();
        String line = "x".repeat(1023) + "\n";
        for (int i = 0; i < 64; i++) {
            log(line);
        }

        assertThat(written()).hasSize(64 * 1024);
    }

    /** As the console appender writes a line: its bytes, then a flush. */
    private void log(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        lines.write(bytes, 0, bytes.length);
        lines.flush();
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
