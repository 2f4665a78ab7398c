package io.obspipe.notifier.consume;

import io.obspipe.notifier.config.AnalysisTopicsProperties;
import io.obspipe.platform.kafka.CreatedTopicsReadiness;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The analysis stage's topics. With KAFKA_CREATE_TOPICS (the default) they are created at startup like the results
 * topic, so a notifier without any analysis stage simply finds them empty. Without it, a topic that does not exist
 * is not read (one line says so at startup), rather than making the consumers warn about it again and again.
 */
@Configuration(proxyBeanMethods = false)
class AnalysisTopicsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnalysisTopicsConfiguration.class);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics analysisTopics(AnalysisTopicsProperties analysis, PipelineKafkaProperties pipeline) {
        return new KafkaAdmin.NewTopics(topicList(analysis, pipeline).toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    CreatedTopicsReadiness analysisTopicsReadiness(KafkaProperties kafka, AnalysisTopicsProperties analysis, PipelineKafkaProperties pipeline) {
        return new CreatedTopicsReadiness(kafka, topicList(analysis, pipeline));
    }

    @Bean
    EventTopics eventTopics(AnalysisTopicsProperties analysis, PipelineKafkaProperties pipeline, KafkaProperties kafka) {
        String results = pipeline.topics().results();
        if (pipeline.topics().create()) {
            return new EventTopics(results, analysis.topic(), analysis.keyPoolTopic());
        }
        Set<String> existing = existingTopics(kafka);
        return new EventTopics(results, readable(existing, analysis.topic(), "analyses", "ANALYSIS_TOPIC"),
                readable(existing, analysis.keyPoolTopic(), "key pool snapshots", "ANALYSIS_KEY_POOL_TOPIC"));
    }

    /**
     * As the analysis worker declares them, whichever app starts first: the analysis topic sized like the results topic,
     * the key pool topic compacted with one partition (snapshots are keyed by worker id, so it keeps each worker's latest).
     */
    private static List<NewTopic> topicList(AnalysisTopicsProperties analysis, PipelineKafkaProperties pipeline) {
        PipelineKafkaProperties.Topics topics = pipeline.topics();
        return List.of(
                TopicBuilder.name(analysis.topic()).partitions(topics.partitions()).replicas(topics.replicationFactor()).build(),
                TopicBuilder.name(analysis.keyPoolTopic()).partitions(1).replicas(topics.replicationFactor()).compact().build());
    }

    /** The topic, or null when the broker said it does not exist; when the broker cannot say, it is read. */
    private static String readable(Set<String> existing, String topic, String what, String variable) {
        if (existing == null || existing.contains(topic)) {
            return topic;
        }
        log.atInfo().addKeyValue("topic", topic)
                .log("the topic {} ({}) does not exist and KAFKA_CREATE_TOPICS is false, so the notifier reads no {}; "
                        + "it does after a restart once the topic exists", topic, variable, what);
        return null;
    }

    private static Set<String> existingTopics(KafkaProperties kafka) {
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            return admin.listTopics().names().get(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            log.atWarn().addKeyValue("error", e.toString())
                    .log("could not list the topics to see whether the analysis stage's exist; reading them anyway: {}", e.toString());
            return null;
        }
    }
}
