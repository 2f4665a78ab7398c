package io.obspipe.e2e;

import io.obspipe.localstack.AppProcess;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * KAFKA_GROUP_INSTANCE_ID: a worker restarted within the session timeout (a rolling restart) gets its
 * partitions back without a rebalance, so the other worker keeps its partitions and never stops.
 */
class StaticMembershipE2ETest {

    /** Long enough for a worker to restart within it on a busy machine. */
    private static final String SESSION_TIMEOUT_MS = "60000";
    /** A member learns of a rebalance from a heartbeat's answer: the group settles without waiting for the default. */
    private static final String HEARTBEAT_INTERVAL_MS = "500";
    private static final Pattern REBALANCE_LINE =
            Pattern.compile("^pipeline_worker_rebalance_partitions_total\\{[^}]*kind=\"(\\w+)\"[^}]*} ([0-9.Ee+]+)$");

    static PipelineStack stack;

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aStaticMemberRestartedWithinTheSessionTimeoutCausesNoRebalance() {
        stack = PipelineStack.start("static-membership");
        AppProcess first = stack.startWorker("s1", staticMember("s1"));
        awaitPartitions(first, "assigned", 6);
        AppProcess second = stack.startWorker("s2", staticMember("s2"));
        // the group settles: s1 hands half of the partitions over to s2
        awaitPartitions(second, "assigned", 3);
        awaitPartitions(first, "revoked", 3);
        Map<String, Double> secondBefore = rebalanceCounts(second);

        assertThat(first.stop()).isZero();
        AppProcess restarted = stack.startWorker("s1", staticMember("s1"));
        awaitPartitions(restarted, "assigned", 3);

        assertThat(rebalanceCounts(second)).as("the other worker's partition movements").isEqualTo(secondBefore);
        for (int i = 0; i < 12; i++) {
            stack.putSource("static/note-" + i + ".txt", ("hello " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        stack.runGenerator("static/");
        List<ProcessingResult> results = stack.results(12, Duration.ofSeconds(90));
        assertThat(results).hasSize(12).allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS));
        assertThat(results).extracting(ProcessingResult::workerId).containsOnly("s1", "s2");
        assertThat(rebalanceCounts(second)).isEqualTo(secondBefore);
    }

    private static Map<String, String> staticMember(String instanceId) {
        return Map.of("KAFKA_GROUP_INSTANCE_ID", instanceId, "KAFKA_SESSION_TIMEOUT_MS", SESSION_TIMEOUT_MS,
                "KAFKA_HEARTBEAT_INTERVAL_MS", HEARTBEAT_INTERVAL_MS);
    }

    private static void awaitPartitions(AppProcess worker, String kind, double partitions) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(rebalanceCounts(worker).getOrDefault(kind, 0.0)).as(worker.name() + " partitions " + kind).isEqualTo(partitions));
    }

    /** The worker's pipeline_worker_rebalance_partitions_total by kind (assigned, revoked, lost). */
    private static Map<String, Double> rebalanceCounts(AppProcess worker) {
        Map<String, Double> counts = new java.util.TreeMap<>();
        for (String line : PipelineStack.httpGet(stack.portOf(worker), "/actuator/prometheus").split("\n")) {
            Matcher matcher = REBALANCE_LINE.matcher(line.strip());
            if (matcher.matches()) {
                counts.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
            }
        }
        return counts;
    }
}
