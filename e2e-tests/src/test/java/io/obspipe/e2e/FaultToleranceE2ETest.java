package io.obspipe.e2e;

import io.obspipe.localstack.AppProcess;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures of real processes on loopback, each asserted on the results topic read with
 * read_committed and on the destination bucket: every task ends with exactly one committed result.
 */
class FaultToleranceE2ETest {

    /**
     * Short enough that a killed worker's partitions move within seconds; and only 4 HTTP connections
     * for 4 threads, so a single object stream left open would stall the run.
     */
    private static final Map<String, String> FAST_FAILOVER = Map.of(
            "KAFKA_SESSION_TIMEOUT_MS", "6000",
            "KAFKA_HEARTBEAT_INTERVAL_MS", "1500",
            "KAFKA_TRANSACTION_TIMEOUT_MS", "10000",
            "POOL_SIZE", "4",
            "OBS_MAX_CONNECTIONS", "4");

    private PipelineStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void workerKilledMidRunLosesNothingAndDuplicatesNothing() {
        stack = PipelineStack.start("worker-kill");
        Set<String> keys = seedTextFiles("kill/", 2_000);
        AppProcess doomed = stack.startWorker("doomed", FAST_FAILOVER);
        stack.startWorker("survivor", FAST_FAILOVER);

        stack.runGenerator("kill/");
        stack.results(400, Duration.ofSeconds(120));
        doomed.kill();
        List<ProcessingResult> results = stack.results(keys.size(), Duration.ofSeconds(240));

        assertExactlyOneSuccessEach(results, keys);
    }

    @Test
    void brokerRestartMidRunLosesNothingAndDuplicatesNothing() throws InterruptedException {
        stack = PipelineStack.start("broker-restart");
        Set<String> keys = seedTextFiles("restart/", 1_000);
        stack.startWorker("w1", FAST_FAILOVER);

        stack.runGenerator("restart/");
        stack.results(200, Duration.ofSeconds(120));
        stack.kafka.stop();
        Thread.sleep(5_000);
        stack.kafka.restart();
        List<ProcessingResult> results = stack.results(keys.size(), Duration.ofSeconds(240));

        assertExactlyOneSuccessEach(results, keys);
    }

    @Test
    void sigtermDrainsCommitsCleansAndExitsZero() throws IOException {
        stack = PipelineStack.start("sigterm");
        Set<String> keys = seedTextFiles("term/", 600);
        AppProcess first = stack.startWorker("first", FAST_FAILOVER);

        stack.runGenerator("term/");
        stack.results(100, Duration.ofSeconds(120));
        int exitCode = first.stop();
        stack.startWorker("second", FAST_FAILOVER);
        List<ProcessingResult> results = stack.results(keys.size(), Duration.ofSeconds(180));

        assertThat(exitCode).as(first.logTail(20)).isZero();
        assertThat(String.join("\n", first.logLines())).contains("task consumer stopped");
        try (Stream<Path> left = Files.walk(stack.work.resolve("first")).filter(Files::isRegularFile)) {
            assertThat(left).as("temp files left by the stopped worker").isEmpty();
        }
        assertExactlyOneSuccessEach(results, keys);
    }

    @Test
    void notifierKilledMidStreamCountsEachTaskOnce() {
        stack = PipelineStack.start("notifier-restart");
        Set<String> keys = seedTextFiles("notify/", 800);
        stack.startWorker("w1", FAST_FAILOVER);
        Map<String, String> quickRejoin = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
        PipelineStack.Notifier first = stack.startNotifier(quickRejoin);

        stack.runGenerator("notify/");
        await().atMost(Duration.ofSeconds(120)).until(() -> recorded(first) >= 100);
        first.process().kill();
        PipelineStack.Notifier second = stack.startNotifier(quickRejoin);

        await().atMost(Duration.ofSeconds(180)).until(() -> recorded(second) >= keys.size());
        assertThat(second.summary().at("/processing_log/success").asLong()).isEqualTo(keys.size());
        assertThat(second.summary().at("/processing_log/failed").isMissingNode()).isTrue();
    }

    private static long recorded(PipelineStack.Notifier notifier) {
        try {
            return notifier.summary().at("/processing_log/success").asLong();
        } catch (RuntimeException notUpYet) {
            return 0;
        }
    }

    private Set<String> seedTextFiles(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            String key = prefix + "file-%05d.txt".formatted(i);
            stack.putSource(key, ("line one of " + i + "\nline two\n").getBytes(StandardCharsets.UTF_8));
            return key;
        }).collect(Collectors.toSet());
    }

    private void assertExactlyOneSuccessEach(List<ProcessingResult> results, Set<String> keys) {
        Map<String, Long> perKey = results.stream().collect(Collectors.groupingBy(r -> r.source().key(), Collectors.counting()));
        assertThat(perKey.keySet()).as("a result for every task").containsExactlyInAnyOrderElementsOf(keys);
        assertThat(perKey).as("no task with two committed results").allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.error()).isEqualTo(ResultStatus.SUCCESS));
        assertThat(keys).allSatisfy(key -> assertThat(Files.exists(stack.destination(key + ".parsed.json"))).as(key).isTrue());
    }
}
