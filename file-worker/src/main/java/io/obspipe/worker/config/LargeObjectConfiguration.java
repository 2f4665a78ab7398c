package io.obspipe.worker.config;

import io.obspipe.platform.config.PipelineConfigurationException;
import io.obspipe.worker.processing.PartReading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Reading a large object in parts on several threads (see {@link LargeObjectProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LargeObjectProperties.class)
class LargeObjectConfiguration {

    @Bean
    PartReaders partReaders(LargeObjectProperties settings) {
        int threads = settings.threads() == 0 ? Runtime.getRuntime().availableProcessors() : settings.threads();
        if (settings.partSize().toBytes() < 1 || settings.minSize().toBytes() < 1) {
            throw new PipelineConfigurationException("WORKER_LARGE_OBJECT_PART_SIZE and WORKER_LARGE_OBJECT_MIN_SIZE must be "
                    + "positive sizes such as 64MB (got " + settings.partSize() + " and " + settings.minSize() + ")");
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "object-part-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new PartReaders(new PartReading(threads, settings.partSize().toBytes(), settings.minSize().toBytes()), pool);
    }

    /** The settings, and the threads that read parts beside each task's own; shut down with the context. */
    record PartReaders(PartReading reading, ExecutorService threads) implements AutoCloseable {

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }
}
