package io.obspipe.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** local-run/generator.env as ./run-local generate uses it: sourced by bash (set -u, like run-local), then the generator's environment. */
class GeneratorEnvFileTest {

    static final Map<String, String> STACK = new LinkedHashMap<>();

    static {
        STACK.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:41000");
        STACK.put("OBS_ACCESS_KEY", "local-access");
        STACK.put("OBS_SECRET_KEY", "it's secret");
        STACK.put("OBS_SERVER", "http://127.0.0.1:41001");
        STACK.put("OBS_SOURCE_BUCKET", "input-files");
        STACK.put("SOURCE_BUCKET", "input-files");
        STACK.put("FILE_PREFIX", "samples/");
        STACK.put("SERVER_PORT", "0");
    }

    @TempDir
    Path dir;

    @Test
    void withoutCallerVariablesTheRunGetsTheStacksSettingsAndIsOneRun() throws Exception {
        Map<String, String> run = sourced(Map.of());

        assertThat(run).containsAllEntriesOf(STACK).containsEntry("GENERATOR_SCAN_INTERVAL", "");
    }

    @Test
    void theCallersVariablesWinOverTheRunsDefaultsEvenEmptyOnes() throws Exception {
        Map<String, String> run = sourced(Map.of("FILE_PREFIX", "x/", "SOURCE_BUCKET", "", "GENERATOR_REPROCESS", "true"));

        assertThat(run).containsEntry("FILE_PREFIX", "x/").containsEntry("SOURCE_BUCKET", "").containsEntry("GENERATOR_REPROCESS", "true")
                .containsEntry("OBS_SOURCE_BUCKET", "input-files");
    }

    @Test
    void whereTheStackIsAndTheOneRunAreNotOverridden() throws Exception {
        Map<String, String> run = sourced(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.example.com:9092", "OBS_SECRET_KEY", "real-secret",
                "GENERATOR_SCAN_INTERVAL", "60s"));

        assertThat(run).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:41000").containsEntry("OBS_SECRET_KEY", "it's secret")
                .containsEntry("GENERATOR_SCAN_INTERVAL", "");
    }

    /** The variables a child of the shell sees after {@code . generator.env}, given the caller's environment. */
    private Map<String, String> sourced(Map<String, String> caller) throws IOException, InterruptedException {
        Path file = dir.resolve("generator.env");
        GeneratorEnvFile.write(STACK, file);
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "set -euo pipefail; . \"$1\"; env -0", "bash", file.toString());
        bash.environment().keySet().removeIf(name -> STACK.containsKey(name) || name.startsWith("GENERATOR_"));
        bash.environment().putAll(caller);
        bash.redirectErrorStream(true);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("bash sourcing the file: %s", output).isZero();
        return Arrays.stream(output.split("\0")).filter(entry -> entry.contains("="))
                .collect(Collectors.toMap(entry -> entry.substring(0, entry.indexOf('=')), entry -> entry.substring(entry.indexOf('=') + 1),
                        (first, second) -> second));
    }
}
