package io.obspipe.notifier.summary;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class SummaryConfiguration {

    @Bean
    RunningSummary runningSummary(Clock clock) {
        return new RunningSummary(clock);
    }
}
