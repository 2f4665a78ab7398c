package io.obspipe.notifier.consume;

import io.obspipe.notifier.config.NotifierProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * The results consumer: a batch listener with {@link AckMode#BATCH}, so a poll's offsets are
 * committed only after the dispatcher returned for all of its records, i.e. every enabled sink
 * delivered or gave up on each of them (at-least-once; a crash redelivers at most one poll).
 * Handing sinks a whole poll, rather than one record, lets sinks with their own queue work through
 * it side by side, and commits once per poll instead of once per result.
 */
@Configuration(proxyBeanMethods = false)
class ResultConsumerConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            NotifierProperties properties) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.getContainerProperties().setGroupId(properties.groupId());
        return factory;
    }
}
