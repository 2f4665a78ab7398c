package io.obspipe.generator.command;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * A one-shot run starts no web server; with GENERATOR_SCAN_INTERVAL the generator is a service and serves
 * the actuator (health, Prometheus) on SERVER_PORT.
 */
public class ContinuousModeEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (continuous(environment)) {
            environment.getPropertySources().addFirst(new MapPropertySource("generatorContinuousMode",
                    Map.of("spring.main.web-application-type", "servlet")));
        }
    }

    static boolean continuous(ConfigurableEnvironment environment) {
        String interval = environment.getProperty("pipeline.generator.scan-interval");
        return interval != null && !interval.isBlank();
    }
}
