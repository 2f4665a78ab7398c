package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code local-run/generator.env}, which {@code ./run-local generate} sources before one generator run against
 * the running stack. Where the stack is (its broker, its object store and keys) is always the stack's, and the
 * run is always one run, not a second continuous generator beside the stack's; every other setting (prefix,
 * bucket, {@code GENERATOR_REPROCESS}, …) is a default that a variable of the caller's environment overrides,
 * so {@code FILE_PREFIX=x/ ./run-local generate} lists {@code x/}.
 */
final class GeneratorEnvFile {

    /** Where the stack is: its broker, and its object store with the keys S3Proxy accepts. */
    private static final Set<String> STACK_LOCATION = Set.of(
            "KAFKA_BOOTSTRAP_SERVERS", "OBS_SERVER", "OBS_ACCESS_KEY", "OBS_SECRET_KEY", "OBS_PATH_STYLE", "OBS_AUTH_TYPE");
    private static final String SCAN_INTERVAL = "GENERATOR_SCAN_INTERVAL";

    private GeneratorEnvFile() {
    }

    static void write(Map<String, String> generatorEnvironment, Path file) {
        StringBuilder script = new StringBuilder("# written by ./run-local for ./run-local generate; removed when the stack stops\n");
        script.append("# the running stack\n");
        generatorEnvironment.forEach((name, value) -> {
            if (STACK_LOCATION.contains(name)) {
                script.append("export ").append(name).append('=').append(quoted(value)).append('\n');
            }
        });
        script.append("# one run, then exit: the stack's own generator keeps watching the bucket\n");
        script.append("export ").append(SCAN_INTERVAL).append("=''\n");
        script.append("# defaults of the run: a variable set in the caller's environment wins\n");
        generatorEnvironment.forEach((name, value) -> {
            if (!STACK_LOCATION.contains(name) && !name.equals(SCAN_INTERVAL)) {
                script.append("[ -n \"${").append(name).append("+set}\" ] || export ").append(name).append('=')
                        .append(quoted(value)).append('\n');
            }
        });
        try {
            Files.writeString(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
