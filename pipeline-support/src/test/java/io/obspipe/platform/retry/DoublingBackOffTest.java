package io.obspipe.platform.retry;

import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DoublingBackOffTest {

    private final DoublingBackOff backOff = new DoublingBackOff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void thePauseDoublesFromTheFirstUpToTheLongestAndStaysThere() {
        BackOffExecution pauses = backOff.start();

        assertThat(new long[] {pauses.nextBackOff(), pauses.nextBackOff(), pauses.nextBackOff(), pauses.nextBackOff(),
                pauses.nextBackOff(), pauses.nextBackOff()}).containsExactly(100, 200, 400, 800, 1000, 1000);
    }

    @Test
    void aLimitedRunStopsAfterItsRetries() {
        BackOffExecution pauses = backOff.start(2);

        assertThat(new long[] {pauses.nextBackOff(), pauses.nextBackOff(), pauses.nextBackOff()})
                .containsExactly(100, 200, BackOffExecution.STOP);
        assertThat(backOff.start(0).nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void thePauseAfterSomeFailuresIsTheSameAsStepByStep() {
        assertThat(backOff.pauseAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backOff.pauseAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backOff.pauseAfter(1_000_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFirstPauseLongerThanTheLongestIsCut() {
        assertThat(new DoublingBackOff(Duration.ofSeconds(5), Duration.ofSeconds(2)).start().nextBackOff()).isEqualTo(2000);
    }
}
