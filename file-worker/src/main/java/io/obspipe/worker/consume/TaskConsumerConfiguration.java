package io.obspipe.worker.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.Topics;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import io.obspipe.worker.config.WorkerProperties;
import io.obspipe.worker.task.TaskAttemptHandler;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the task consumer: the poll loop and its parts, around the task handler the worker's configuration makes. */
@Configuration(proxyBeanMethods = false)
class TaskConsumerConfiguration {

    @Bean
    WorkerMetrics workerMetrics(MeterRegistry registry) {
        return new WorkerMetrics(registry);
    }

    @Bean
    TaskPollLoop taskPollLoop(TaskAttemptHandler handler, WorkerProperties worker, PipelineKafkaProperties pipeline,
                              KafkaProperties kafka, WorkerMetrics metrics) {
        String tasks = pipeline.topics().tasks();
        OutgoingRecords outgoing = new OutgoingRecords(pipeline.topics().results(), Topics.deadLetterOf(tasks),
                worker.publishResults(), worker.workerId());
        KafkaClients clients = new KafkaClients(kafka, worker);
        RetryingTaskRunner runner = new RetryingTaskRunner(handler, worker.transientRetries(), worker.retryBackoff(), metrics);
        return new TaskPollLoop(tasks, clients::consumer, new AssignedPartitions(worker.maxUncommittedPerPartition()),
                new TaskDispatcher(runner, metrics, worker.poolSize()),
                new CommitSchedule(clients.committer(outgoing), metrics, System::nanoTime),
                metrics, worker.revokeGrace(), worker.shutdownGrace());
    }

    /** Ready only while the poll loop is polling. */
    @Bean
    HealthIndicator taskConsumerHealthIndicator(TaskPollLoop loop) {
        return () -> loop.isConsuming() ? Health.up().build() : Health.down().withDetail("reason", "the task consumer is not polling").build();
    }
}
