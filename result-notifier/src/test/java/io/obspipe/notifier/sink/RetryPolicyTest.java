package io.obspipe.notifier.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void thePauseDoublesFromTheFirstBackOffUpToTheLongest() {
        assertThat(policy.pauseAfter(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.pauseAfter(2, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.pauseAfter(5, Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.pauseAfter(6, Duration.ofSeconds(31))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.pauseAfter(1_000, Duration.ofMinutes(4))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aResultFailingForTheWholeBudgetIsGivenUpOn() {
        assertThat(policy.pauseAfter(12, Duration.ofMinutes(5))).isNull();
        assertThat(RetryPolicy.NONE.pauseAfter(1, Duration.ZERO)).isNull();
    }
}
