package io.obspipe.worker.config;

import io.obspipe.model.TaskDefaults;
import io.obspipe.model.WorkerType;
import io.obspipe.platform.kafka.PipelineKafkaProperties;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.ObsProperties;
import io.obspipe.platform.storage.StorageConfiguration;
import io.obspipe.worker.processing.ContentDecoder;
import io.obspipe.worker.processing.CsvProcessor;
import io.obspipe.worker.processing.FileProcessor;
import io.obspipe.worker.processing.JsonProcessor;
import io.obspipe.worker.processing.NdjsonProcessor;
import io.obspipe.worker.processing.ProcessorRegistry;
import io.obspipe.worker.processing.TextProcessor;
import io.obspipe.worker.result.ResultFactory;
import io.obspipe.worker.result.ResultPublisher;
import io.obspipe.worker.task.TaskHandler;
import io.obspipe.worker.task.TaskListener;
import io.obspipe.worker.task.TransientFailureRecoverer;
import io.obspipe.worker.workspace.Workspace;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wires the worker: processors, workspace, task handler, result publishing and retry policy. */
@Configuration(proxyBeanMethods = false)
@Import(StorageConfiguration.class)
public class WorkerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Custom processors first (named by class, then Spring beans), the built-in ones last. */
    @Bean
    ProcessorRegistry processorRegistry(WorkerProperties worker, ObjectProvider<FileProcessor> customBeans) {
        List<FileProcessor> ordered = new ArrayList<>();
        worker.processorClasses().stream().filter(name -> !name.isBlank()).map(String::trim)
                .map(ProcessorRegistry::instantiate).forEach(ordered::add);
        customBeans.orderedStream().forEach(ordered::add);
        ordered.addAll(List.of(new CsvProcessor(), new JsonProcessor(), new NdjsonProcessor(), new TextProcessor()));
        return new ProcessorRegistry(ordered);
    }

    @Bean
    Workspace workspace(WorkerProperties worker) {
        return new Workspace(worker);
    }

    @Bean
    TaskDefaults taskDefaults(ObsProperties obs) {
        return new TaskDefaults(blankToNull(obs.sourceBucket()), blankToNull(obs.destBucket()));
    }

    @Bean
    ResultFactory resultFactory(WorkerProperties worker, Clock clock) {
        return new ResultFactory(WorkerType.forPoolSize(worker.poolSize()), worker.workerId(), clock);
    }

    @Bean
    ResultPublisher resultPublisher(KafkaTemplate<String, String> template, PipelineKafkaProperties kafka, WorkerProperties worker) {
        return new ResultPublisher(template, kafka.topics().results(), worker.resultSendTimeout(), worker.publishResults());
    }

    @Bean
    TaskHandler taskHandler(ObjectStore store, ProcessorRegistry processors, Workspace workspace, ResultFactory results,
                            TaskDefaults defaults, WorkerProperties worker, Clock clock) {
        return new TaskHandler(store, processors, new ContentDecoder(worker.maxDecompressedSize().toBytes()), workspace,
                results, defaults, new TaskHandler.TaskLimits(worker.maxFileSize().toBytes(), worker.cleanupFiles(),
                worker.cleanupOnError()), clock);
    }

    @Bean
    TaskListener taskListener(TaskHandler handler, ResultPublisher publisher) {
        return new TaskListener(handler, publisher);
    }

    /**
     * Retries a task whose object store or result publishing failed, with exponential backoff;
     * after the last attempt the task gets a failed result and its offset is committed.
     */
    @Bean
    DefaultErrorHandler taskErrorHandler(WorkerProperties worker, ResultFactory results, ResultPublisher publisher,
                                         TaskDefaults defaults) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(worker.transientRetries());
        backOff.setInitialInterval(worker.retryBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(new TransientFailureRecoverer(results, publisher, defaults), backOff);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
