package io.obspipe.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.obspipe.localstack.TopicProbe;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The object store goes away for about 15 s while tasks arrive: the worker retries with backoff and nothing is lost. */
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "pipeline.kafka.topics.tasks=outage-it-tasks",
        "pipeline.kafka.topics.results=outage-it-results",
        "spring.kafka.consumer.group-id=outage-it",
        "pipeline.worker.pool-size=3",
        "pipeline.worker.transient-retries=8",
        "pipeline.worker.retry-backoff=500ms",
        "pipeline.obs.connect-timeout=1s",
        "pipeline.obs.max-error-retry=0",
        "server.port=0"})
class StorageOutageIT {

    static final WorkerTestStack STACK = new WorkerTestStack("outage-it");

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

    @Test
    void tasksDuringAnOutageSucceedOnceTheStoreIsBack() throws InterruptedException {
        List<Map.Entry<String, String>> tasks = IntStream.range(0, 20).mapToObj(i -> {
            String key = "outage/file-" + i + ".txt";
            STACK.input(key, "line " + i + "\n");
            return entry(key, WorkerTestStack.task(key));
        }).toList();
        STACK.s3.stop();
        TopicProbe kafka = new TopicProbe(System.getProperty("spring.embedded.kafka.brokers"));
        kafka.produce("outage-it-tasks", tasks);

        await().atMost(Duration.ofSeconds(20)).until(() -> retries() > 0);
        Thread.sleep(12_000);
        STACK.s3.restart();
        List<ProcessingResult> results = WorkerTestStack.decode(kafka.read("outage-it-results", 20, Duration.ofSeconds(60), Duration.ofSeconds(2)));

        assertThat(results).hasSize(20).allSatisfy(r -> assertThat(r.status()).as(r.error()).isEqualTo(ResultStatus.SUCCESS));
        assertThat(results).extracting(r -> r.source().key()).doesNotHaveDuplicates();
        assertThat(retries()).isPositive();
    }

    private double retries() {
        return meters.find("pipeline.worker.retries").tag("error_code", "storage_unavailable").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
