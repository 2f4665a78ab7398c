package io.obspipe.worker.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.model.TaskDefaults;
import io.obspipe.model.WorkerType;
import io.obspipe.platform.config.PipelineConfigurationException;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.ObsProperties;
import io.obspipe.platform.storage.StorageStartupConfiguration;
import io.obspipe.worker.processing.ContentDecoder;
import io.obspipe.worker.processing.CsvProcessor;
import io.obspipe.worker.processing.FileProcessor;
import io.obspipe.worker.processing.JsonProcessor;
import io.obspipe.worker.processing.NdjsonProcessor;
import io.obspipe.worker.processing.ProcessorRegistry;
import io.obspipe.worker.processing.TextProcessor;
import io.obspipe.worker.result.ResultFactory;
import io.obspipe.worker.task.TaskAttemptHandler;
import io.obspipe.worker.workspace.DiskBudget;
import io.obspipe.worker.workspace.Workspace;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Wires the worker's task handling: processors, workspace, the task handler, with its settings and
 * object store; complete on its own, so the benchmarks' bare loop runs the same wiring. The consumer
 * around it is wired in consume/.
 */
@Configuration(proxyBeanMethods = false)
@Import({StorageStartupConfiguration.class, TextCharsetConfiguration.class, LargeObjectConfiguration.class})
@EnableConfigurationProperties({WorkerProperties.class, TextProperties.class})
public class WorkerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Custom processors first (named by class, then Spring beans), the built-in ones last. */
    @Bean
    ProcessorRegistry processorRegistry(WorkerProperties worker, ObjectProvider<FileProcessor> customBeans,
                                        LargeObjectConfiguration.PartReaders partReaders) {
        List<FileProcessor> ordered = new ArrayList<>();
        for (String name : worker.processorClasses()) {
            if (!name.isBlank()) {
                try {
                    ordered.add(ProcessorRegistry.instantiate(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw new PipelineConfigurationException("WORKER_PROCESSORS: " + e.getMessage(), e);
                }
            }
        }
        customBeans.orderedStream().forEach(ordered::add);
        ordered.addAll(List.of(new CsvProcessor(CsvProcessor.DEFAULT_MAX_DISTINCT_VALUES, partReaders.reading(),
                partReaders.threads()), new JsonProcessor(), new NdjsonProcessor(partReaders.reading(), partReaders.threads()),
                new TextProcessor(partReaders.reading(), partReaders.threads())));
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
    DiskBudget diskBudget(WorkerProperties worker, MeterRegistry registry) {
        DiskBudget budget = new DiskBudget(worker.tempDiskBudget().toBytes());
        registry.gauge("pipeline.worker.temp_disk.reserved", budget, b -> b.reserved());
        return budget;
    }

    /** The threads that receive objects while the task threads process them: one per task in progress. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService objectDownloads() {
        return TaskAttemptHandler.downloadThreads();
    }

    @Bean
    TaskAttemptHandler taskHandler(ObjectStore store, ProcessorRegistry processors, ContentDecoder decoder, Workspace workspace,
                                   ResultFactory results, TaskDefaults defaults, WorkerProperties worker, DiskBudget diskBudget,
                                   ExecutorService objectDownloads, Clock clock) {
        return new TaskAttemptHandler(store, processors, decoder, workspace,
                results, defaults, new TaskAttemptHandler.TaskLimits(worker.maxFileSize().toBytes(), worker.cleanupFiles(),
                worker.cleanupOnError()), diskBudget, objectDownloads, clock);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
