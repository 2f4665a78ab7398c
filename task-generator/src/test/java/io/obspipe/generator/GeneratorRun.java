package io.obspipe.generator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the real application the way {@code main} does, minus {@code System.exit}: settings are given
 * under the seed's variable names (as {@code --NAME=value}), so application.yml's mapping is exercised.
 */
final class GeneratorRun {

    /** @param prometheus the metrics as the Prometheus endpoint would show them at the end of the run */
    record Finished(int exitCode, MeterRegistry meters, String prometheus) {

        double counter(String name) {
            return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
        }
    }

    private GeneratorRun() {
    }

    static String newTopic() {
        return "tasks-" + UUID.randomUUID();
    }

    static Finished run(Map<String, String> settings) {
        ConfigurableApplicationContext context = start(settings);
        PrometheusMeterRegistry meters = context.getBean(PrometheusMeterRegistry.class);
        int exitCode = SpringApplication.exit(context);
        return new Finished(exitCode, meters, meters.scrape());
    }

    static ConfigurableApplicationContext start(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(TaskGeneratorApplication.class).run(args.toArray(String[]::new));
    }
}
