package io.obspipe.platform.kafka;

import io.obspipe.model.Topics;
import io.obspipe.platform.config.VariableNames;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks the Kafka client settings before any client exists and declares the pipeline's topics,
 * which Boot's {@link KafkaAdmin} creates at startup (fail-fast when the broker is unreachable; that wait is
 * announced in one line by {@link KafkaStartupWait}).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PipelineKafkaProperties.class)
public class KafkaSupportConfiguration {

    private static final Duration KAFKA_ADMIN_DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    KafkaClientSettingsCheck kafkaClientSettingsCheck(PipelineKafkaProperties pipeline, KafkaProperties kafka, Environment environment) {
        KafkaClientSettingsCheck check = new KafkaClientSettingsCheck(pipeline.allowedExtraProperties());
        check.check(kafka, setting -> variableOf(environment, setting));
        return check;
    }

    /** The variable mapped onto a Java client setting, either as a Boot property or under spring.kafka.*.properties. */
    private static Optional<String> variableOf(Environment environment, String setting) {
        String boot = setting.replace('.', '-');
        return Stream.of("spring.kafka.consumer.properties." + setting, "spring.kafka.producer.properties." + setting,
                        "spring.kafka.admin.properties." + setting, "spring.kafka.properties." + setting,
                        "spring.kafka.consumer." + boot, "spring.kafka.producer." + boot, "spring.kafka." + boot, "spring.kafka." + setting)
                .map(property -> VariableNames.forProperty(environment, property)).flatMap(Optional::stream)
                .map(VariableNames.Variable::name).findFirst();
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    DeclaredTopics pipelineTopics(PipelineKafkaProperties pipeline, KafkaClientSettingsCheck checkedFirst) {
        return new DeclaredTopics(pipelineTopicList(pipeline));
    }

    private static List<NewTopic> pipelineTopicList(PipelineKafkaProperties pipeline) {
        PipelineKafkaProperties.Topics topics = pipeline.topics();
        return List.of(topics.declare(topics.tasks()), topics.declare(Topics.deadLetterOf(topics.tasks())), topics.declare(topics.results()));
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    KafkaStartupWait kafkaStartupWait(ObjectProvider<LoggingSystem> logging, KafkaProperties kafka, KafkaClientSettingsCheck checkedFirst) {
        return new KafkaStartupWait(logging.getIfAvailable(() -> LoggingSystem.get(KafkaStartupWait.class.getClassLoader())),
                kafka.buildAdminProperties(),
                Objects.requireNonNullElse(kafka.getAdmin().getOperationTimeout(), KAFKA_ADMIN_DEFAULT_TIMEOUT));
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.topics.create", havingValue = "true", matchIfMissing = true)
    CreatedTopicsReadiness createdTopicsReadiness(KafkaProperties kafka, ObjectProvider<DeclaredTopics> declared) {
        return new CreatedTopicsReadiness(kafka, declared);
    }
}
