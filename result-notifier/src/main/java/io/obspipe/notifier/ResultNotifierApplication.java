package io.obspipe.notifier;

import io.obspipe.notifier.config.NotifierProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Consumes the result events of the pipeline and fans each one out to the enabled sinks. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(NotifierProperties.class)
public class ResultNotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResultNotifierApplication.class, args);
    }
}
