package io.obspipe.generator.route;

import io.obspipe.generator.plan.GeneratorProperties;
import io.obspipe.model.Topics;
import io.obspipe.platform.kafka.DeclaredTopics;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.stream.Stream;

/**
 * The routes of TASK_ROUTES and, when topics are created at startup (KAFKA_CREATE_TOPICS), every route
 * topic with its dead-letter topic, sized like the tasks topic. The default topic and its dead-letter
 * topic are declared by pipeline-support.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RouteConfiguration.class);

    @Bean
    TaskRoutes taskRoutes(GeneratorProperties settings, PipelineKafkaProperties kafka) {
        TaskRoutes routes = TaskRoutes.parse(settings.taskRoutes(), kafka.topics().tasks());
        if (routes.topics().size() > 1) {
            log.atInfo().addKeyValue("topics", routes.topics()).log("tasks routed by file type: " + routes);
        }
        return routes;
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    DeclaredTopics routeTopics(TaskRoutes routes, PipelineKafkaProperties kafka) {
        return new DeclaredTopics(routeTopicList(routes, kafka));
    }

    private static List<NewTopic> routeTopicList(TaskRoutes routes, PipelineKafkaProperties kafka) {
        PipelineKafkaProperties.Topics topics = kafka.topics();
        return routes.topics().stream()
                .filter(topic -> !topic.equals(routes.defaultTopic()))
                .flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic)))
                .map(topics::declare)
                .toList();
    }
}
