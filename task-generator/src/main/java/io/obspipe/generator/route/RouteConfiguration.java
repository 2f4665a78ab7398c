package io.obspipe.generator.route;

import io.obspipe.generator.plan.GeneratorProperties;
import io.obspipe.model.Topics;
import io.obspipe.platform.kafka.CreatedTopicsReadiness;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

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
    KafkaAdmin.NewTopics routeTopics(TaskRoutes routes, PipelineKafkaProperties kafka) {
        return new KafkaAdmin.NewTopics(routeTopicList(routes, kafka).toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    CreatedTopicsReadiness routeTopicsReadiness(TaskRoutes routes, PipelineKafkaProperties pipeline, KafkaProperties kafka) {
        return new CreatedTopicsReadiness(kafka, routeTopicList(routes, pipeline));
    }

    private static List<NewTopic> routeTopicList(TaskRoutes routes, PipelineKafkaProperties kafka) {
        PipelineKafkaProperties.Topics topics = kafka.topics();
        return routes.topics().stream()
                .filter(topic -> !topic.equals(routes.defaultTopic()))
                .flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic)))
                .map(name -> newTopic(name, topics))
                .toList();
    }

    private static NewTopic newTopic(String name, PipelineKafkaProperties.Topics topics) {
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
    }
}
