package io.obspipe.bench;

import io.obspipe.bench.scenario.Scenario;
import io.obspipe.bench.scenario.Scenarios;
import io.obspipe.bench.stack.BenchStack;
import io.obspipe.localstack.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the benchmark scenarios on the local stack and prints a table of figures against their
 * baselines; writes the same table and the numbers behind it to a Markdown file.
 * <pre>
 *   ./bench [scenario ...] [--scale smoke|small|full] [--out FILE] [--work DIR]
 * </pre>
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, Scenarios.all().stream().map(Scenario::name).toList());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        ChildJvm.ignoreTerminalInterruptsInChildren();
        List<ScenarioReport> reports = run(options, true);
        System.out.println();
        System.out.println(ResultTable.console(reports));
        System.out.println("Details: " + options.out().toAbsolutePath());
        System.exit(reports.stream().anyMatch(ScenarioReport::failed) ? 1 : 0);
    }

    /**
     * Runs the chosen scenarios on one stack and writes the report. A scenario that fails is reported
     * with its error and the others still run.
     *
     * @param stopOnExit stop the stack from a shutdown hook too (Ctrl+C on the command line)
     */
    public static List<ScenarioReport> run(BenchOptions options, boolean stopOnExit) {
        Machine machine = Machine.describe();
        List<ScenarioReport> reports = new ArrayList<>();
        AtomicReference<BenchStack> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            BenchStack stack = running.getAndSet(null);
            if (stack != null) {
                stack.close();
            }
        }, "bench-stop");
        if (stopOnExit) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try (BenchStack stack = BenchStack.start(options.work(), options.appJvmOptions(), options.jars(),
                options.classData(), options.appJava(), options.flightRecording())) {
            running.set(stack);
            for (Scenario scenario : options.scenarios(Scenarios.all())) {
                ScenarioReport report = new ScenarioReport(scenario.name());
                log("running " + scenario.name() + " (" + options.scale().name() + ")");
                long started = System.nanoTime();
                try {
                    scenario.run(stack, options.scale(), report);
                } catch (RuntimeException e) {
                    report.fail(e);
                    e.printStackTrace();
                }
                log(String.format("%s done in %.0f s", scenario.name(), (System.nanoTime() - started) / 1e9));
                reports.add(report);
                write(options.out(), ResultTable.markdown(machine, options, reports));
            }
            running.set(null);
        } finally {
            if (stopOnExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook stops the stack
                }
            }
        }
        return reports;
    }

    private static void write(Path out, String markdown) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    static void log(String message) {
        System.out.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + message);
    }
}
