package io.obspipe.e2e;

import io.obspipe.localstack.AppProcess;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing by file type (TASK_ROUTES) as users run it: a CSV worker group on its own topic and the
 * default group, each configured only with its KAFKA_TOPIC_TASKS and KAFKA_GROUP_ID. Each file is
 * processed once, by the group of its type.
 */
class RoutingE2ETest {

    static final String CSV_TOPIC = "csv-processing-tasks";
    static final String CSV_GROUP = "csv-workers";
    static final List<String> CSV_FILES = List.of("routing/sales.csv", "routing/table.tsv", "routing/archive.csv.gz");
    static final List<String> OTHER_FILES = List.of("routing/records.json", "routing/notes.txt");

    static PipelineStack stack;

    @BeforeAll
    static void start() {
        stack = PipelineStack.start("routing");
        stack.putSource("routing/sales.csv", PipelineE2ETest.csv(3).getBytes(StandardCharsets.UTF_8));
        stack.putSource("routing/table.tsv", PipelineE2ETest.csv(2).replace(',', '\t').getBytes(StandardCharsets.UTF_8));
        stack.putSource("routing/archive.csv.gz", PipelineE2ETest.gzip(PipelineE2ETest.csv(4)));
        stack.putSource("routing/records.json", "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8));
        stack.putSource("routing/notes.txt", "one line\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void eachFileIsProcessedOnceByTheWorkerGroupOfItsType() {
        CompletableFuture<AppProcess> csvWorker = CompletableFuture.supplyAsync(() ->
                stack.startWorker("csv-worker", Map.of("KAFKA_TOPIC_TASKS", CSV_TOPIC, "KAFKA_GROUP_ID", CSV_GROUP, "POOL_SIZE", "2")));
        stack.startWorker("default-worker", Map.of("POOL_SIZE", "2"));
        csvWorker.join();

        AppProcess generator = stack.generator("routing/", Map.of(
                "TASK_ROUTES", "csv,tsv:" + CSV_TOPIC));
        assertThat(generator.waitForExit(PipelineStack.APP_START)).as(generator.logTail(20)).isZero();
        List<ProcessingResult> results = stack.results(CSV_FILES.size() + OTHER_FILES.size(), Duration.ofSeconds(90));

        assertThat(results).extracting(r -> r.source().key())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(CSV_FILES.stream(), OTHER_FILES.stream()).toList());
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.source().key() + ": " + r.error()).isEqualTo(ResultStatus.SUCCESS));
        assertThat(results).filteredOn(r -> CSV_FILES.contains(r.source().key()))
                .extracting(ProcessingResult::workerId).containsOnly("csv-worker");
        assertThat(results).filteredOn(r -> OTHER_FILES.contains(r.source().key()))
                .extracting(ProcessingResult::workerId).containsOnly("default-worker");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stack.topics.lag(CSV_GROUP, CSV_TOPIC)).isZero();
            assertThat(stack.workerLag()).isZero();
        });
    }
}
