package io.obspipe.bench;

import io.obspipe.localstack.AppJava;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    private static final List<String> SCENARIOS = List.of("small-files", "notifier");

    @Test
    void readsScenariosScaleWorkFolderAndCandidateJars(@TempDir Path temp) {
        Path work = temp.resolve("new-run");

        BenchOptions options = BenchOptions.parse(new String[] {"notifier", "--scale", "full", "--work", work.toString(),
                "--jar", "result-notifier=/tmp/candidate.jar"}, SCENARIOS);

        assertThat(options.names()).containsExactly("notifier");
        assertThat(options.scale().name()).isEqualTo("full");
        assertThat(options.work()).isEqualTo(work.toAbsolutePath());
        assertThat(options.jars()).isEqualTo(Map.of("result-notifier", Path.of("/tmp/candidate.jar")));
    }

    @Test
    void refusesAWorkFolderOfAnEarlierRunWithOneSentence(@TempDir Path earlierRun) throws IOException {
        Files.createDirectories(earlierRun.resolve("kafka"));

        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--work", earlierRun.toString()}, SCENARIOS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--work " + earlierRun + " is not empty: a run starts a broker and a store of its own there, "
                        + "so give it a new or empty folder");
    }

    @Test
    void appsStartFromClassDataArchivesUnlessSwitchedOff() {
        assertThat(BenchOptions.parse(new String[] {}, SCENARIOS).classData()).contains(BenchOptions.CLASS_DATA.toAbsolutePath());
        assertThat(BenchOptions.parse(new String[] {"--class-data", "off"}, SCENARIOS).classData()).isEmpty();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--class-data", "no"}, SCENARIOS))
                .hasMessage("--class-data is on or off");
    }

    @Test
    void appsStartedWithMoreJvmOptionsKeepTheirArchivesApart() {
        Path defaults = BenchOptions.CLASS_DATA.toAbsolutePath();
        Path smoke = BenchOptions.parse(new String[] {"--scale", "smoke"}, SCENARIOS).classData().orElseThrow();
        Path c1 = BenchOptions.parse(new String[] {"--jvm-options", "*=-XX:TieredStopAtLevel=1"}, SCENARIOS).classData().orElseThrow();

        assertThat(smoke.getParent()).isEqualTo(defaults);
        assertThat(c1.getParent()).isEqualTo(defaults);
        assertThat(smoke).isNotEqualTo(c1);
        assertThat(BenchOptions.parse(new String[] {"--scale", "smoke"}, SCENARIOS).classData()).contains(smoke);
        assertThat(BenchOptions.parse(new String[] {"--scale", "full"}, SCENARIOS).classData()).contains(defaults);
    }

    @Test
    void appsStartedWithoutTheirFlightRecordingKeepTheirArchivesApart() {
        Path unrecorded = BenchOptions.parse(new String[] {"--flight-recording", "off"}, SCENARIOS).classData().orElseThrow();

        assertThat(unrecorded.getParent()).isEqualTo(BenchOptions.CLASS_DATA.toAbsolutePath());
        assertThat(BenchOptions.parse(new String[] {"--flight-recording", "on"}, SCENARIOS).classData())
                .contains(BenchOptions.CLASS_DATA.toAbsolutePath());
    }

    @Test
    void appsRunOnTheBenchsJavaUnlessAnotherIsNamed(@TempDir Path notAJdk) {
        assertThat(BenchOptions.parse(new String[] {}, SCENARIOS).appJava()).isEqualTo(AppJava.current());
        Path java = AppJava.current().executable();
        assertThat(BenchOptions.parse(new String[] {"--app-java", java.toString()}, SCENARIOS).appJava().feature())
                .isEqualTo(Runtime.version().feature());
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--app-java", notAJdk.resolve("java").toString()}, SCENARIOS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not the java of a JDK or JRE");
    }

    @Test
    void namesTheScenariosWhenOneIsUnknown() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"notifer"}, SCENARIOS))
                .hasMessage("unknown scenario 'notifer'; scenarios: small-files, notifier");
    }

    @Test
    void jvmOptionsAddToTheScales() {
        BenchOptions options = BenchOptions.parse(new String[] {"--scale", "smoke", "--jvm-options", "*=-XX:TieredStopAtLevel=1",
                "--jvm-options", "file-worker=-XX:+UseSerialGC", "--jvm-options", "file-worker=-Xss1m"}, SCENARIOS);
        assertThat(options.appJvmOptions()).containsEntry("*", Scale.smoke().appJvmOptions() + " -XX:TieredStopAtLevel=1")
                .containsEntry("file-worker", "-XX:+UseSerialGC -Xss1m");
        assertThat(BenchOptions.parse(new String[] {}, SCENARIOS).appJvmOptions()).containsExactly(Map.entry("*", ""));
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--jvm-options", "-Xss1m"}, SCENARIOS))
                .hasMessageContaining("APP=OPTIONS");
    }

    @Test
    void appsAreRecordedUnlessSwitchedOff() {
        assertThat(BenchOptions.parse(new String[] {}, SCENARIOS).flightRecording()).isTrue();
        assertThat(BenchOptions.parse(new String[] {"--flight-recording", "off"}, SCENARIOS).flightRecording()).isFalse();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--flight-recording", "no"}, SCENARIOS))
                .hasMessage("--flight-recording is on or off");
    }
}
