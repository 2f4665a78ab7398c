package io.obspipe.notifier.consume;

import io.obspipe.notifier.sink.SinkDispatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Receives each poll of the results topic and returns once every sink has handled its results;
 * the container then commits the poll's offsets (see {@link ResultConsumerConfiguration}).
 */
@Component
class ResultListener {

    private final ResultRecordDecoder decoder;
    private final SinkDispatcher dispatcher;

    ResultListener(ResultRecordDecoder decoder, SinkDispatcher dispatcher) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
    }

    // the group is NOTIFIER_GROUP_ID, set on the container factory, not the listener id
    @KafkaListener(id = "result-notifier", idIsGroup = false, topics = "${pipeline.kafka.topics.results}")
    void onResults(List<ConsumerRecord<String, byte[]>> records) {
        dispatcher.dispatch(decoder.decodeAll(records));
    }
}
