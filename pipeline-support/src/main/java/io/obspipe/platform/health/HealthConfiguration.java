package io.obspipe.platform.health;

import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.ObsProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

import java.util.List;

/** Readiness checks of the backends: the Kafka cluster, and the object store for apps that use one. */
@AutoConfiguration
@ConditionalOnClass(HealthIndicator.class)
public class HealthConfiguration {

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka);
    }

    @Bean
    @ConditionalOnBean(ObjectStore.class)
    ObjectStoreHealthIndicator objectStoreHealthIndicator(ObjectStore store, ObsProperties obs) {
        return new ObjectStoreHealthIndicator(store, List.of(nullToEmpty(obs.sourceBucket()), nullToEmpty(obs.destBucket())));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
