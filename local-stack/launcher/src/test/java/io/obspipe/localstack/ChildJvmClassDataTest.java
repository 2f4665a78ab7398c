package io.obspipe.localstack;

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

    @Test
    void theFirstStartWritesTheArchiveWhenStoppedAndTheNextStartMapsIt() throws IOException {
        Path jar = ProbeJars.write(dir.resolve("probe.jar"), SleepingProbe.class);
        ClassDataArchive archive = ClassDataArchive.forClasspath(jar.toString(), dir.resolve("cache"), AppJava.current()).orElseThrow();
        ChildJvm jvm = probe(jar).sharingClassData(archive);

        startAndAwaitReady(jvm, 1);
        jvm.stop(PATIENCE);
        assertThat(archive.archive()).isNotEmptyFile();

        startAndAwaitReady(jvm, 2);
        try {
            assertThat(Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "maps"))).contains(archive.archive().toString());
        } finally {
            jvm.stop(PATIENCE);
        }
    }

    @Test
    void aKilledFirstStartLeavesNoArchive() throws IOException {
        Path jar = ProbeJars.write(dir.resolve("probe.jar"), SleepingProbe.class);
        ClassDataArchive archive = ClassDataArchive.forClasspath(jar.toString(), dir.resolve("cache"), AppJava.current()).orElseThrow();
        ChildJvm jvm = probe(jar).sharingClassData(archive);

        startAndAwaitReady(jvm, 1);
        jvm.kill();

        try (Stream<Path> files = Files.list(archive.archive().getParent())) {
            assertThat(files).isEmpty();
        }
    }

    private ChildJvm probe(Path jar) {
        return ChildJvm.mainClass("probe", jar.toString(), SleepingProbe.class.getName(), List.of(), List.of(), Map.of(),
                dir.resolve("probe.log"));
    }

    private void startAndAwaitReady(ChildJvm jvm, int starts) {
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
