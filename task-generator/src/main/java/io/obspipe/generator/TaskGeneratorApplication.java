package io.obspipe.generator;

import io.obspipe.generator.plan.GeneratorProperties;
import io.obspipe.platform.storage.StorageConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Lists objects in OBS and publishes one task per object, then exits: 0 when every task was
 * acknowledged, 1 otherwise (see {@code GenerationCommand}).
 */
@SpringBootApplication
@Import(StorageConfiguration.class)
@EnableConfigurationProperties(GeneratorProperties.class)
public class TaskGeneratorApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(TaskGeneratorApplication.class, args)));
    }
}
