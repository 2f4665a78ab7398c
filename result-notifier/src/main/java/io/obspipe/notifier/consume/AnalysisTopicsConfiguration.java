package io.obspipe.notifier.consume;

import io.obspipe.notifier.config.AnalysisTopicsProperties;
import io.obspipe.platform.kafka.DeclaredTopics;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
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
    DeclaredTopics analysisTopics(AnalysisTopicsProperties analysis, PipelineKafkaProperties pipeline) {
        return new DeclaredTopics(pipeline.topics().declareAnalysisTopics(analysis.topic(), analysis.keyPoolTopic()));
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
