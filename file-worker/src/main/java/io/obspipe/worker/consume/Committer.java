package io.obspipe.worker.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;

/** Publishes a batch of completions and commits the offsets that cover them. */
interface Committer extends AutoCloseable {

    void commit(List<TaskCompletion> batch, Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<String, String> consumer)
            throws CommitException;

    @Override
    void close();
}
