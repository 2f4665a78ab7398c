package io.obspipe.generator.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.generator.job.JobExecutor;
import io.obspipe.generator.plan.GenerationPlan;
import io.obspipe.generator.plan.GenerationPlanner;
import io.obspipe.generator.plan.GeneratorProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * How the generator runs, on unless {@code pipeline.generator.run-on-startup=false} (an application that
 * only uses the {@code TaskGenerator} bean): once and exit, or every GENERATOR_SCAN_INTERVAL as a service.
 * The plan is made while the context starts, so a contradictory setting stops the start with one sentence.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pipeline.generator.run-on-startup", havingValue = "true", matchIfMissing = true)
class CommandConfiguration {

    @Bean
    GenerationPlan generationPlan(GeneratorProperties settings) {
        return GenerationPlanner.plan(settings);
    }

    @Bean
    Object generationCommand(GenerationPlan plan, JobExecutor executor, GeneratorProperties settings, MeterRegistry registry) {
        if (settings.continuous()) {
            return new ContinuousScanner(plan, executor, settings.scanInterval(),
                    new ScanSchedule(settings.scanInterval(), Clock.systemUTC(), registry));
        }
        return new GenerationCommand(plan, executor);
    }
}
