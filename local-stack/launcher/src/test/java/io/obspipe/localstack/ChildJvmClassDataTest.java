package io.obspipe.localstack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A child JVM given the class-data archive of its classpath, as the local stack starts the Kafka broker and S3Proxy:
 * the first start writes the archive when it is stopped, the starts after it map the archive, and a killed first
 * start leaves nothing behind.
 */
class ChildJvmClassDataTest {

    /** Generous for a loaded machine; a hung program still fails the test. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private ClassDataArchive archive;
    private ChildJvm jvm;

    @BeforeEach
    void probeSharingTheArchiveOfItsClasspath() throws IOException {
        Path jar = ProbeJars.write(dir.resolve("probe.jar"), SleepingProbe.class);
        archive = ClassDataArchive.forClasspath(jar.toString(), dir.resolve("cache"), AppJava.current()).orElseThrow();
        jvm = ChildJvm.mainClass("probe", jar.toString(), SleepingProbe.class.getName(), List.of(), List.of(), Map.of(),
                dir.resolve("probe.log")).sharingClassData(jar.toString(), dir.resolve("cache"));
    }

    @AfterEach
    void noProbeLeftRunning() {
        jvm.kill();
    }

    @Test
    void theFirstStartWritesTheArchiveWhenStoppedAndTheNextStartMapsIt() throws IOException {
        startAndAwaitReady(1);
        jvm.stop(PATIENCE);
        assertThat(archive.archive()).isNotEmptyFile();

        startAndAwaitReady(2);
        assertThat(Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "maps"))).contains(archive.archive().toString());
    }

    @Test
    void aKilledFirstStartLeavesNoArchive() throws IOException {
        startAndAwaitReady(1);
        jvm.kill();

        try (Stream<Path> files = Files.list(archive.archive().getParent())) {
            assertThat(files).isEmpty();
        }
    }

    private void startAndAwaitReady(int starts) {
        jvm.start();
        await().atMost(PATIENCE).until(() -> readyLines() == starts);
    }

    private long readyLines() {
        try {
            Path log = dir.resolve("probe.log");
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(SleepingProbe.READY::equals).count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
