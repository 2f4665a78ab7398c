package io.obspipe.generator.incremental;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.generator.plan.GeneratorProperties;
import io.obspipe.generator.route.TaskRoutes;
import io.obspipe.platform.kafka.DeclaredTopics;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import io.obspipe.platform.storage.ObjectStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** Incremental scans (GENERATOR_INCREMENTAL, on by default) and their compacted state topic. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "pipeline.generator.incremental", havingValue = "true", matchIfMissing = true)
class IncrementalConfiguration {

    @Bean
    IncrementalScan incrementalScan(GeneratorProperties settings, KafkaProperties kafka, ObjectStore store,
                                    TaskRoutes routes, MeterRegistry registry) {
        StateClients clients = new StateClients(kafka, "task-generator-" + settings.stateTopic() + "-");
        return new IncrementalScan(clients, settings.continuous(), settings.stateTopic(), store, routes,
                settings.listParallelism(), settings.reprocess(), registry);
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    DeclaredTopics generatorStateTopic(GeneratorProperties settings, PipelineKafkaProperties kafka) {
        return new DeclaredTopics(List.of(kafka.topics().declareCompacted(settings.stateTopic(), StateTopic.CREATED_PARTITIONS)));
    }
}
