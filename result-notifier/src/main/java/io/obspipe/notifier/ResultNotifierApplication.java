package io.obspipe.notifier;

import io.obspipe.notifier.config.AnalysisTopicsProperties;
import io.obspipe.notifier.config.NotifierProperties;
import io.obspipe.platform.lifecycle.GracefulExit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Consumes the result events of the pipeline and fans each one out to the enabled sinks. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({NotifierProperties.class, AnalysisTopicsProperties.class})
public class ResultNotifierApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        GracefulExit.run(ResultNotifierApplication.class, args);
    }
}
