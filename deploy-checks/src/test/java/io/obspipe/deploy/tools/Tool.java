package io.obspipe.deploy.tools;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command-line tool users run on deploy/ (promtool, prometheus, kubectl), found on the PATH. Tests that
 * need one call {@link #require}: without the tool they are skipped with the package that brings it
 * ({@code .ci/ensure-test-services.sh} installs them, so CI always runs them).
 *
 * @param executable the tool's file
 */
public record Tool(Path executable) {

    /**
     * One run of the tool.
     *
     * @param exitCode its exit code
     * @param output   what it printed on standard output
     * @param errors   what it printed on standard error
     */
    public record Run(int exitCode, String output, String errors) {

        /** Both outputs, for an assertion's message. */
        public String messages() {
            return output + errors;
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    public static Optional<Tool> find(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst().map(Tool::new);
    }

    /** The tool, or the calling test is skipped, naming the Debian package that brings it. */
    public static Tool require(String name, String debianPackage) {
        Optional<Tool> tool = find(name);
        Assumptions.assumeTrue(tool.isPresent(), () -> name + " is not installed (Debian package " + debianPackage
                + ": apt-get install -y --no-install-recommends " + debianPackage + ", or run .ci/ensure-test-services.sh)");
        return tool.orElseThrow();
    }

    /** Runs the tool in {@code workingDir} to its end. */
    public Run run(Path workingDir, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Path errors = Files.createTempFile(executable.getFileName().toString(), ".stderr");
            try {
                Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                // read before waiting: a full pipe would block the tool
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
                }
                return new Run(process.exitValue(), output, Files.readString(errors));
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + executable, e);
        }
    }
}
