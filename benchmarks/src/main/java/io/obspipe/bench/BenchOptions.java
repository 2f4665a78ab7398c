package io.obspipe.bench;

import io.obspipe.bench.scenario.Scenario;
import io.obspipe.localstack.AppJava;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What to run: scenario names (none = all), the scale, where the report goes and where the stack
 * keeps its files, candidate jars, where the apps' class-data archives are kept (empty: none, the
 * apps run from their jars as they are) and the java that runs the apps.
 */
public record BenchOptions(List<String> names, Scale scale, Path out, Path work, Map<String, Path> jars, Optional<Path> classData,
                           AppJava appJava, Map<String, String> jvmOptions, boolean flightRecording) {

    public static final String USAGE = "usage: ./bench [scenario ...] [--scale smoke|small|full] [--out FILE] [--work DIR]"
            + " [--jar APP=PATH ...] [--class-data on|off] [--app-java PATH] [--jvm-options APP|*=OPTIONS ...] [--flight-recording on|off]";
    static final Path CLASS_DATA = Path.of("benchmarks", "target", "class-data");

    public BenchOptions(List<String> names, Scale scale, Path out, Path work) {
        this(names, scale, out, work, Map.of(), Optional.empty(), AppJava.current(), Map.of(), true);
    }

    public static BenchOptions parse(String[] args, List<String> known) {
        List<String> names = new ArrayList<>();
        Scale scale = Scale.small();
        Path out = Path.of("benchmarks", "target", "results.md");
        Path work = null;
        Map<String, Path> jars = new LinkedHashMap<>();
        Optional<Path> classData = Optional.of(CLASS_DATA.toAbsolutePath());
        AppJava appJava = AppJava.current();
        Map<String, String> jvmOptions = new LinkedHashMap<>();
        boolean flightRecording = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Scale.named(value(args, ++i, "--scale"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--work" -> work = Path.of(value(args, ++i, "--work"));
                case "--jar" -> {
                    // measure a candidate build of an app, e.g. --jar file-worker=/tmp/file-worker.jar
                    String[] jar = value(args, ++i, "--jar").split("=", 2);
                    if (jar.length != 2) {
                        throw new IllegalArgumentException("--jar needs APP=PATH, e.g. file-worker=/tmp/file-worker.jar");
                    }
                    jars.put(jar[0], Path.of(jar[1]).toAbsolutePath());
                }
                case "--class-data" -> classData = switch (value(args, ++i, "--class-data")) {
                    case "on" -> Optional.of(CLASS_DATA.toAbsolutePath());
                    case "off" -> Optional.empty();
                    default -> throw new IllegalArgumentException("--class-data is on or off");
                };
                // the apps on another JDK than the bench's, e.g. --app-java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
                case "--app-java" -> appJava = AppJava.at(Path.of(value(args, ++i, "--app-java")));
                // more JVM options for one app or (*) all, e.g. --jvm-options '*=-XX:TieredStopAtLevel=1'
                case "--jvm-options" -> {
                    String[] options = value(args, ++i, "--jvm-options").split("=", 2);
                    if (options.length != 2) {
                        throw new IllegalArgumentException("--jvm-options needs APP=OPTIONS or *=OPTIONS, e.g. file-worker=-XX:+UseSerialGC");
                    }
                    jvmOptions.merge(options[0], options[1], (before, more) -> before + " " + more);
                }
                // off: the apps run without the flight recording, to see what recording costs them (their profiles stay empty)
                case "--flight-recording" -> flightRecording = switch (value(args, ++i, "--flight-recording")) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("--flight-recording is on or off");
                };
                default -> {
                    if (!known.contains(args[i])) {
                        throw new IllegalArgumentException("unknown scenario '" + args[i] + "'; scenarios: " + String.join(", ", known));
                    }
                    names.add(args[i]);
                }
            }
        }
        if (work == null) {
            work = Path.of("benchmarks", "target", "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        } else if (isNonEmptyDirectory(work)) {
            throw new IllegalArgumentException("--work " + work + " is not empty: a run starts a broker and a store of its own "
                    + "there, so give it a new or empty folder");
        }
        Map<String, String> appOptions = new TreeMap<>(appJvmOptions(jvmOptions, scale));
        appOptions.values().removeIf(String::isBlank);
        if (!flightRecording) {
            appOptions.put("flight recording", "off");
        }
        // an archive records how its training run was started (an AOT cache trained with C1 only holds no useful
        // method profiles, one trained with other modules is refused, and the flight recording adds jdk.jfr): apps
        // started with other JVM options keep their archives apart from the default runs' ones
        classData = classData.map(dir -> appOptions.isEmpty() ? dir
                : dir.resolve("options-" + Integer.toHexString(appOptions.toString().hashCode())));
        return new BenchOptions(List.copyOf(names), scale, out, work.toAbsolutePath(), Map.copyOf(jars), classData, appJava,
                Map.copyOf(jvmOptions), flightRecording);
    }

    private static boolean isNonEmptyDirectory(Path dir) {
        try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /** The apps' extra JVM options by app ({@code *}: every app): the scale's, then those given with --jvm-options. */
    Map<String, String> appJvmOptions() {
        return appJvmOptions(jvmOptions, scale);
    }

    private static Map<String, String> appJvmOptions(Map<String, String> given, Scale scale) {
        Map<String, String> options = new LinkedHashMap<>(given);
        options.merge("*", scale.appJvmOptions(), (byName, ofScale) -> (ofScale + " " + byName).trim());
        return Map.copyOf(options);
    }

    /** The chosen scenarios in the order of {@code all}. */
    public List<Scenario> scenarios(List<Scenario> all) {
        return names.isEmpty() ? all : all.stream().filter(s -> names.contains(s.name())).toList();
    }
}
