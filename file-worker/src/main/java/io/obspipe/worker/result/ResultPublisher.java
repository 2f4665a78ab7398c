package io.obspipe.worker.result;

import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a result event and waits for the broker's acknowledgement, so the task's offset is
 * committed only after its result is safely on the results topic. Message key = source object key.
 */
public class ResultPublisher {

    private final KafkaTemplate<String, String> template;
    private final String topic;
    private final Duration timeout;
    private final boolean enabled;

    public ResultPublisher(KafkaTemplate<String, String> template, String topic, Duration timeout, boolean enabled) {
        this.template = template;
        this.topic = topic;
        this.timeout = timeout;
        this.enabled = enabled;
    }

    public void publish(ProcessingResult result) {
        if (!enabled) {
            return;
        }
        String key = result.source() == null ? null : result.source().key();
        try {
            template.send(topic, key, MessageCodec.encodeToString(result)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultNotPublishedException("interrupted while publishing the result of " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ResultNotPublishedException("the result of " + key + " was not acknowledged by Kafka topic "
                    + topic + " within " + timeout.toSeconds() + " s: " + cause.getMessage(), cause);
        }
    }

    /** The broker did not take the result; the task is retried and its offset not committed. */
    public static class ResultNotPublishedException extends RuntimeException {
        ResultNotPublishedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
