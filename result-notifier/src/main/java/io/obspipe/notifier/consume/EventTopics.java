package io.obspipe.notifier.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The topics the notifier reads and what a record of each holds: results (KAFKA_RESULT_TOPIC), analyses
 * (ANALYSIS_TOPIC) and key pool snapshots (ANALYSIS_KEY_POOL_TOPIC). A topic of the analysis stage is null when it
 * is not read, because it does not exist and is not created here (KAFKA_CREATE_TOPICS=false).
 */
record EventTopics(String results, String analysis, String keyPool) {

    enum Kind { RESULT, ANALYSIS, KEY_POOL }

    Kind kindOf(ConsumerRecord<?, ?> record) {
        String topic = record.topic();
        if (topic.equals(analysis)) {
            return Kind.ANALYSIS;
        }
        return topic.equals(keyPool) ? Kind.KEY_POOL : Kind.RESULT;
    }
}
