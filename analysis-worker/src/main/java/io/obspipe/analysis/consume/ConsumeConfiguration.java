package io.obspipe.analysis.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.analysis.AnalysisProperties;
import io.obspipe.analysis.analyze.Analyzer;
import io.obspipe.analysis.route.AnalysisRoutes;
import io.obspipe.platform.kafka.DeclaredTopics;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Map;

/**
 * The consumer loop on KAFKA_RESULT_TOPIC (group ANALYSIS_GROUP_ID, read_committed, offsets committed only in the
 * loop's transactions) and, when topics are created at startup, the analysis and key pool topics.
 */
@Configuration(proxyBeanMethods = false)
class ConsumeConfiguration {

    @Bean
    ConsumeMetrics consumeMetrics(MeterRegistry registry) {
        return new ConsumeMetrics(registry);
    }

    @Bean
    AnalysisLoop analysisLoop(AnalysisProperties settings, PipelineKafkaProperties pipeline, KafkaProperties kafka,
                              AnalysisRoutes routes, Analyzer analyzer, ConsumeMetrics metrics) {
        String clientId = "analysis-worker-" + settings.workerId();
        TransactionalPublisher publisher = new TransactionalPublisher(() -> {
            Map<String, Object> props = kafka.buildProducerProperties();
            props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalIdPrefix() + settings.workerId());
            return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        });
        return new AnalysisLoop(new AnalysisLoop.Settings(pipeline.topics().results(), settings.topic(), settings.maxConcurrent(),
                settings.shutdownGrace()), () -> consumer(kafka, clientId), publisher, routes, analyzer, metrics, Clock.systemUTC());
    }

    private static Consumer<String, String> consumer(KafkaProperties kafka, String clientId) {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Ready only while the consumer loop polls. */
    @Bean
    HealthIndicator analysisConsumerHealthIndicator(AnalysisLoop loop) {
        return () -> loop.isConsuming() ? Health.up().build()
                : Health.down().withDetail("reason", "the analysis consumer is not polling").build();
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    DeclaredTopics analysisTopics(AnalysisProperties settings, PipelineKafkaProperties pipeline) {
        return new DeclaredTopics(pipeline.topics().declareAnalysisTopics(settings.topic(), settings.keyPoolTopic()));
    }
}
