package io.obspipe.e2e;

import io.obspipe.localstack.AppProcess;
import io.obspipe.localstack.Ports;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generator as a real process: killed mid-scan and run again; and as a service in continuous mode. */
class GeneratorE2ETest {

    private static final String TASKS = "file-processing-tasks";

    private PipelineStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void killedMidScanAndRunAgainEveryObjectHasExactlyOneCommittedTask() {
        stack = PipelineStack.start("generator-kill");
        int objects = 10_000;
        for (int i = 0; i < objects; i++) {
            stack.putSource("crash/f-%05d.txt".formatted(i), ("line " + i).getBytes(StandardCharsets.UTF_8));
        }
        // a batch is 5,000 listed objects: the kill lands after the first commit, while the second batch is listed
        AppProcess doomed = stack.generator("crash/", Map.of());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> committedTasks(1_000).size() >= 1_000);
        assertThat(doomed.isAlive()).as("the generator was still scanning when killed").isTrue();
        doomed.kill();

        AppProcess second = stack.generator("crash/", Map.of());
        assertThat(second.waitForExit(PipelineStack.APP_START)).as(second.logTail(20)).isZero();

        String summary = second.logLines().stream().filter(line -> line.contains("task generation finished"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(summary).contains("resumed_after=crash/f-");
        List<ConsumerRecord<String, String>> tasks = stack.topics.read(TASKS, objects, Duration.ofSeconds(60), Duration.ofSeconds(3));
        Map<String, Long> perKey = tasks.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(perKey).hasSize(objects);
        assertThat(perKey.entrySet()).filteredOn(entry -> entry.getValue() != 1).isEmpty();
    }

    @Test
    void continuousModeTasksAFileCopiedIntoTheBucketWithinAnIntervalAndStopsGracefully() {
        stack = PipelineStack.start("generator-continuous");
        stack.putSource("watch/first.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        int port = Ports.freePort();
        AppProcess generator = stack.generator("watch/", Map.of("GENERATOR_SCAN_INTERVAL", "2s", "SERVER_PORT", String.valueOf(port)));
        generator.awaitPort(port, PipelineStack.APP_START);
        await().atMost(Duration.ofSeconds(60)).until(() -> keys(committedTasks(1)).contains("watch/first.csv"));

        stack.putSource("watch/second.csv", "a\n2\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> keys(committedTasks(2)).contains("watch/second.csv"));

        assertThat(committedTasks(2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("watch/first.csv", "watch/second.csv");
        assertThat(PipelineStack.httpGet(port, "/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(PipelineStack.httpGet(port, "/actuator/prometheus"))
                .contains("pipeline_generator_scan_last_success_seconds", "pipeline_generator_objects_unchanged_total", "pipeline_generator_scan_interval_seconds{application=\"task-generator\"} 2.0");
        assertThat(generator.stop()).isZero();
    }

    private List<ConsumerRecord<String, String>> committedTasks(int expected) {
        return stack.topics.read(TASKS, expected, Duration.ofSeconds(2), Duration.ZERO);
    }

    private static List<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }
}
