package io.obspipe.localstack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorSummaryTest {

    @Test
    void readsTheLastLineThatHasBothCounts() {
        List<String> log = List.of(
                "2025-11-25T10:00:00.000Z  INFO 1 --- [main] TaskGenerator : listing input-files/samples/",
                "2025-11-25T10:00:01.000Z  INFO 1 --- [main] TaskGenerator : progress scanned=5 published=5",
                "2025-11-25T10:00:02.000Z  INFO 1 --- [main] TaskGenerator : done: scanned=12, published=11, skipped=1",
                "2025-11-25T10:00:02.100Z  INFO 1 --- [main] TaskGenerator : rescanned=99 republished=99",
                "2025-11-25T10:00:02.200Z  INFO 1 --- [main] TaskGenerator : scanned=3 only");

        assertThat(GeneratorSummary.lastIn(log)).contains(new GeneratorSummary(12, 11, 0));
    }

    @Test
    void isEmptyWhenNoLineHasBothCounts() {
        assertThat(GeneratorSummary.lastIn(List.of("scanned=3", "published=3", "Started TaskGeneratorApplication"))).isEmpty();
        assertThat(GeneratorSummary.firstIn(List.of("scanned=3", "published=3", "Started TaskGeneratorApplication"))).isEmpty();
    }

    @Test
    void readsTheCountsOfAnIncrementalScanLineWhateverTokensFollow() {
        String console = "2026-11-30T12:00:00.000Z  INFO 1 --- [scan] RunLog : task generation finished: status=success mode=scan jobs=1"
                + " scanned=12 published=3 skipped=0 failed=0 new=2 changed=1 unchanged=9 duration_ms=40 objects_per_second=300.0"
                + " resumed_after=samples/published=99 unchanged=77.csv";
        String json = "{\"timestamp\":\"2026-11-30T12:00:00Z\",\"level\":\"INFO\",\"event\":\"task generation finished: status=success"
                + " mode=scan jobs=1 scanned=12 published=3 skipped=0 failed=0 new=2 changed=1 unchanged=9\",\"scanned\":12,\"published\":3}";

        assertThat(GeneratorSummary.lastIn(List.of(console))).contains(new GeneratorSummary(12, 3, 9));
        assertThat(GeneratorSummary.lastIn(List.of(json))).contains(new GeneratorSummary(12, 3, 9));
    }

    @Test
    void theFirstScanIsTheFirstSummaryLineOfAContinuousGenerator() {
        List<String> log = List.of(
                "Started TaskGeneratorApplication",
                "task generation finished: status=success mode=scan jobs=1 scanned=4 published=4 new=4 changed=0 unchanged=0",
                "task generation finished: status=success mode=scan jobs=1 scanned=5 published=1 new=1 changed=0 unchanged=4");

        assertThat(GeneratorSummary.firstIn(log)).contains(new GeneratorSummary(4, 4, 0));
        assertThat(GeneratorSummary.lastIn(log)).contains(new GeneratorSummary(5, 1, 4));
    }
}
