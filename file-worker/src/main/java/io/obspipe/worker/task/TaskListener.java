package io.obspipe.worker.task;

import io.obspipe.worker.result.ResultPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Step 1 and 7 of the seed's worker around {@link TaskHandler}: consume a task, and return only
 * after its result event is acknowledged, so the container commits the offset (ack mode RECORD)
 * strictly after the result is on the results topic.
 */
public class TaskListener {

    private final TaskHandler handler;
    private final ResultPublisher publisher;

    public TaskListener(TaskHandler handler, ResultPublisher publisher) {
        this.handler = handler;
        this.publisher = publisher;
    }

    @KafkaListener(id = "${pipeline.worker.listener-id:file-worker}", idIsGroup = false, topics = "${pipeline.kafka.topics.tasks}",
            concurrency = "${pipeline.worker.pool-size}")
    public void onTask(ConsumerRecord<String, String> record) {
        publisher.publish(handler.handle(record));
    }
}
