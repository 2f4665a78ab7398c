package io.obspipe.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aJarSpringBootCannotExtractRunsAsItIs() throws IOException {
        Path jar = dir.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.finish();
        }

        assertThat(ClassDataArchive.forJar(jar, dir.resolve("cache"), AppJava.current())).isEmpty();
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheRunsAfterItStartFromIt() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("app.jar"), dir, ClassDataArchive.Kind.CDS);

        ClassDataArchive.Run first = archive.run();
        assertThat(first.training()).isTrue();
        Path written = writtenBy(first);
        assertThat(written).isNotEqualTo(archive.archive());
        first.ended(143);

        ClassDataArchive.Run next = archive.run();
        assertThat(next.training()).isFalse();
        assertThat(next.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + archive.archive(), ClassDataArchive.QUIET);
    }

    @Test
    void anArchiveOfARunEndedByAnotherSignalIsNeverUsed() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("app.jar"), dir, ClassDataArchive.Kind.CDS);

        ClassDataArchive.Run killed = archive.run();
        Path written = writtenBy(killed);
        killed.ended(137);

        assertThat(written).doesNotExist();
        assertThat(archive.archive()).doesNotExist();
        assertThat(archive.run().training()).isTrue();
    }

    @Test
    void aJdkOf25OrNewerGetsAnAotCacheAndOlderOnesTheDynamicArchive() {
        assertThat(ClassDataArchive.Kind.of(new AppJava(Path.of("java"), 25, "25.0.3+9"))).isEqualTo(ClassDataArchive.Kind.AOT_CACHE);
        assertThat(ClassDataArchive.Kind.of(new AppJava(Path.of("java"), 17, "17.0.15+6"))).isEqualTo(ClassDataArchive.Kind.CDS);

        ClassDataArchive aot = new ClassDataArchive(dir.resolve("app.jar"), dir, ClassDataArchive.Kind.AOT_CACHE);
        assertThat(aot.run().jvmOptions().get(0)).startsWith("-XX:AOTCacheOutput=" + dir.resolve("app-"));
        assertThat(aot.run().extraStopTime()).isPositive();
    }

    @Test
    void twoRunsEndingAtOnceWriteFilesOfTheirOwn() {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("app.jar"), dir, ClassDataArchive.Kind.CDS);

        assertThat(archive.run().jvmOptions()).doesNotContainAnyElementsOf(archive.run().jvmOptions().subList(0, 1));
    }

    @Test
    void aClasspathKeepsItsArchiveUntilOneOfItsJarsChanges() throws IOException {
        Path jar = Files.write(dir.resolve("lib.jar"), new byte[] {1});
        String classpath = jar + File.pathSeparator + dir.resolve("other.jar");
        Path archive = classpathArchive(classpath);

        assertThat(classpathArchive(classpath)).isEqualTo(archive);
        Files.write(jar, new byte[] {1, 2});
        assertThat(classpathArchive(classpath)).isNotEqualTo(archive);
    }

    /** Written as the JVM exits, so a stop takes no longer; JDK 25's AOT cache would be assembled after it. */
    @Test
    void aClasspathGetsTheDynamicArchiveOnEveryJdk() {
        AppJava jdk25 = new AppJava(Path.of("java"), 25, "25.0.3+9");

        assertThat(ClassDataArchive.forClasspath(dir.resolve("lib.jar").toString(), dir.resolve("cache"), jdk25).orElseThrow().kind())
                .isEqualTo(ClassDataArchive.Kind.CDS);
    }

    private Path classpathArchive(String classpath) {
        return ClassDataArchive.forClasspath(classpath, dir.resolve("cache"), AppJava.current()).orElseThrow().archive();
    }

    /** Stands in for the JVM, which writes the file named by -XX:ArchiveClassesAtExit as it exits. */
    private static Path writtenBy(ClassDataArchive.Run run) throws IOException {
        String option = run.jvmOptions().get(0);
        assertThat(option).startsWith("-XX:ArchiveClassesAtExit=");
        Path written = Path.of(option.substring(option.indexOf('=') + 1));
        Files.write(written, new byte[] {1});
        return written;
    }
}
