package io.obspipe.generator;

import io.obspipe.generator.plan.GeneratorProperties;
import io.obspipe.platform.lifecycle.GracefulExit;
import io.obspipe.platform.storage.StorageConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Lists objects in OBS and publishes one task per object version not tasked before. Once, then exits: 0 when
 * every job succeeded, 1 otherwise (see {@code GenerationCommand}); or, with GENERATOR_SCAN_INTERVAL, as a
 * service that rescans every interval until it is stopped ({@code ContinuousScanner}).
 */
@SpringBootApplication
@Import(StorageConfiguration.class)
@EnableConfigurationProperties(GeneratorProperties.class)
public class TaskGeneratorApplication {

    public static void main(String[] args) {
        // in continuous mode SIGTERM closes the context (the scan commits its open batch) and the process exits 0
        ConfigurableApplicationContext context = GracefulExit.run(TaskGeneratorApplication.class, args);
        if (!context.getBean(GeneratorProperties.class).continuous()) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
