package io.obspipe.localstack;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AOT cache with a real JDK 25 or newer (the one running the tests, {@code JAVA25_HOME}, or the project
 * machines' {@code /usr/lib/jvm/temurin-25-jdk-amd64}; skipped without one): a training run writes it, the next
 * run loads its classes from it, a run with other modules than the training run's cannot, and a cache the JVM
 * cannot use never stops a program from starting.
 */
class AotCacheTest {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String PROBE_FROM_CACHE = AotCacheProbe.class.getName() + " source: shared objects file";

    @TempDir
    Path dir;

    private AppJava jdk;
    private Path jar;

    @BeforeEach
    void programOnAJdkWithAotCaches() throws IOException {
        Optional<AppJava> found = jdk25();
        assumeTrue(found.isPresent(), "no JDK 25 or newer here");
        jdk = found.orElseThrow();
        jar = ProbeJars.write(dir.resolve("app").resolve("hello.jar"), AotCacheProbe.class);
    }

    @Test
    void aTrainingRunWritesTheCacheAndTheNextRunStartsFromIt() {
        ClassDataArchive archive = new ClassDataArchive(jar, dir, ClassDataArchive.Kind.of(jdk));
        assertThat(archive.kind()).isEqualTo(ClassDataArchive.Kind.AOT_CACHE);

        ClassDataArchive.Run training = archive.run();
        assertThat(run("training", training.jvmOptions())).isZero();
        training.ended(0);
        assertThat(archive.archive()).isNotEmptyFile();

        ClassDataArchive.Run next = archive.run();
        assertThat(next.training()).isFalse();
        assertThat(run("cached", withClassLoadLog(next.jvmOptions()))).isZero();
        assertThat(log("cached")).contains(AotCacheProbe.GREETING).contains(PROBE_FROM_CACHE);
    }

    /** Why the bench starts a training run with its runs' flight recording option: the option adds the jdk.jfr module. */
    @Test
    void aRunWithOtherModulesThanItsTrainingRunStartsWithoutTheCache() throws IOException {
        List<String> recording = List.of("-XX:StartFlightRecording=filename=" + dir.resolve("recording.jfr") + ",dumponexit=true");
        ClassDataArchive archive = new ClassDataArchive(jar, dir, ClassDataArchive.Kind.of(jdk));
        ClassDataArchive.Run training = archive.run();
        assertThat(run("training", training.jvmOptions())).isZero();
        training.ended(0);

        assertThat(run("recorded", concat(withClassLoadLog(archive.run().jvmOptions()), recording))).isZero();
        assertThat(log("recorded")).contains(AotCacheProbe.GREETING).doesNotContain(PROBE_FROM_CACHE);

        Files.delete(archive.archive());
        ClassDataArchive.Run recordedTraining = archive.run();
        assertThat(run("recorded-training", concat(recordedTraining.jvmOptions(), recording))).isZero();
        recordedTraining.ended(0);
        assertThat(run("recorded-again", concat(withClassLoadLog(archive.run().jvmOptions()), recording))).isZero();
        assertThat(log("recorded-again")).contains(AotCacheProbe.GREETING).contains(PROBE_FROM_CACHE);
    }

    @Test
    void aCacheTheJvmCannotUseIsIgnored() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(jar, dir, ClassDataArchive.Kind.of(jdk));
        Files.writeString(archive.archive(), "not a cache");

        assertThat(run("unusable", archive.run().jvmOptions())).isZero();
        assertThat(log("unusable")).contains(AotCacheProbe.GREETING);
    }

    @Test
    void aCacheOfAnotherBuildOfTheJarIsIgnored() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(jar, dir, ClassDataArchive.Kind.of(jdk));
        ClassDataArchive.Run training = archive.run();
        assertThat(run("training", training.jvmOptions())).isZero();
        training.ended(0);
        Files.delete(jar);
        ProbeJars.write(jar, AotCacheProbe.class);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        assertThat(run("stale", archive.run().jvmOptions())).isZero();
        assertThat(log("stale")).contains(AotCacheProbe.GREETING);
    }

    private int run(String name, List<String> options) {
        try (ChildJvm jvm = ChildJvm.jar(name, jdk.executable(), jar, options, List.of(), Map.of(), dir.resolve(name + ".log")).start()) {
            return jvm.waitForExit(RUN_TIMEOUT);
        }
    }

    /** The class loading log on, to see where the probe's class came from. */
    private static List<String> withClassLoadLog(List<String> options) {
        return concat(List.of(options.get(0)), List.of("-Xlog:class+load=info"));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<AppJava> jdk25() {
        if (AppJava.current().feature() >= 25) {
            return Optional.of(AppJava.current());
        }
        String home = Optional.ofNullable(System.getenv("JAVA25_HOME")).orElse("/usr/lib/jvm/temurin-25-jdk-amd64");
        Path executable = Path.of(home, "bin", "java");
        return Files.isExecutable(executable) ? Optional.of(AppJava.at(executable)).filter(j -> j.feature() >= 25) : Optional.empty();
    }
}
