package io.obspipe.generator.publish;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

    /**
     * Replaces Boot's default listener, which logs every failed send with its stack trace: when the
     * broker goes away, every task in flight (up to GENERATOR_MAX_IN_FLIGHT) would print one.
     * {@link Publication} counts the failures and reports the first as a sentence instead.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {
        };
    }
}
