package io.obspipe.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.localstack.TopicProbe;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.worker.processing.FileProcessor;
import io.obspipe.worker.processing.ProcessingContext;
import io.obspipe.worker.processing.ProcessingReport;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that takes twice {@code max.poll.interval.ms} is processed once, the worker keeps its
 * partitions (no rebalance), and the other partitions' results flow while it runs.
 */
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.consumer.properties.max.poll.interval.ms=3000",
        "pipeline.kafka.topics.tasks=slow-it-tasks",
        "pipeline.kafka.topics.results=slow-it-results",
        "spring.kafka.consumer.group-id=slow-it",
        "pipeline.worker.pool-size=4",
        "server.port=0"})
class SlowTaskIT {

    static final WorkerTestStack STACK = new WorkerTestStack("slow-it");
    static final AtomicInteger SLOW_RUNS = new AtomicInteger();
    static final CountDownLatch OTHERS_SEEN = new CountDownLatch(1);

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        STACK.register(registry);
    }

    @AfterAll
    static void stop() {
        STACK.close();
    }

    @Autowired
    MeterRegistry meters;

    @TestConfiguration
    static class SlowProcessorConfig {
        /** A custom processor plugged in as a bean: handles *.slow files and takes 7 s. */
        @Bean
        FileProcessor slowProcessor() {
            return new FileProcessor() {
                @Override
                public String name() {
                    return "slow";
                }

                @Override
                public boolean supports(String key) {
                    return key.endsWith(".slow");
                }

                @Override
                public ProcessingReport process(InputStream content, ProcessingContext context) throws java.io.IOException {
                    SLOW_RUNS.incrementAndGet();
                    content.readAllBytes();
                    long started = System.nanoTime();
                    try {
                        // runs until the test has seen the other partitions' results, and at least 7 s
                        OTHERS_SEEN.await(60, TimeUnit.SECONDS);
                        Thread.sleep(Math.max(0, 7_000 - Duration.ofNanos(System.nanoTime() - started).toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new ProcessingReport("slow", Map.of("waited_ms", 7000));
                }
            };
        }
    }

    @Test
    void aTaskLongerThanThePollIntervalRunsOnceWithoutRebalance() {
        STACK.input("big/video.slow", "pretend this is huge");
        List<Map.Entry<String, String>> tasks = new ArrayList<>();
        tasks.add(entry("big/video.slow", WorkerTestStack.task("big/video.slow")));
        IntStream.range(0, 30).forEach(i -> {
            String key = "small/file-" + i + ".csv";
            STACK.input(key, "n\n" + i + "\n");
            tasks.add(entry(key, WorkerTestStack.task(key)));
        });
        TopicProbe kafka = new TopicProbe(System.getProperty("spring.embedded.kafka.brokers"));
        kafka.produce("slow-it-tasks", tasks);
        int slowPartition = partitionOf("big/video.slow");
        long onOtherPartitions = tasks.stream().filter(t -> partitionOf(t.getKey()) != slowPartition).count();

        List<ProcessingResult> early = WorkerTestStack.decode(kafka.read("slow-it-results", (int) onOtherPartitions, Duration.ofSeconds(60), Duration.ZERO));
        OTHERS_SEEN.countDown();
        List<ProcessingResult> all = WorkerTestStack.decode(kafka.read("slow-it-results", 31, Duration.ofSeconds(60), Duration.ofSeconds(4)));

        assertThat(early).as("results of the other partitions while the slow task runs").hasSize((int) onOtherPartitions)
                .allSatisfy(r -> assertThat(partitionOf(r.source().key())).isNotEqualTo(slowPartition));
        assertThat(all).hasSize(31).allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS));
        assertThat(all).filteredOn(r -> r.source().key().equals("big/video.slow")).singleElement()
                .satisfies(r -> assertThat(r.processingTime()).isGreaterThan(7.0));
        assertThat(SLOW_RUNS).hasValue(1);
        assertThat(meters.find("pipeline.worker.rebalance.partitions").tag("kind", "revoked").counter()).isNull();
        assertThat(meters.find("pipeline.worker.rebalance.partitions").tag("kind", "lost").counter()).isNull();
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 6;
    }
}
