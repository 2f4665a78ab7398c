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

        assertThat(GeneratorSummary.lastIn(log)).contains(new GeneratorSummary(12, 11));
    }

    @Test
    void isEmptyWhenNoLineHasBothCounts() {
        assertThat(GeneratorSummary.lastIn(List.of("scanned=3", "published=3", "Started TaskGeneratorApplication"))).isEmpty();
    }
}
