package io.obspipe.worker.workspace;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DiskBudgetTest {

    @Test
    void aReservationWaitsUntilEnoughIsReleased() throws Exception {
        DiskBudget budget = new DiskBudget(100);
        budget.reserve(70);

        CompletableFuture<Void> second = new CompletableFuture<>();
        Thread reserving = new Thread(() -> {
            try {
                budget.reserve(50);
                second.complete(null);
            } catch (Exception e) {
                second.completeExceptionally(e);
            }
        });
        reserving.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.isDone() || reserving.getState() == Thread.State.WAITING);
        assertThat(second).as("70 + 50 does not fit in 100").isNotDone();
        assertThat(budget.reserved()).isEqualTo(70);

        budget.release(70);

        assertThat(second).succeedsWithin(Duration.ofSeconds(5));
        assertThat(budget.reserved()).isEqualTo(50);
    }

    @Test
    void moreThanTheWholeBudgetIsRefusedAtOnce() {
        DiskBudget budget = new DiskBudget(100);

        assertThatThrownBy(() -> budget.reserve(101)).isInstanceOf(DiskBudget.ExceedsBudgetException.class);
        assertThat(budget.reserved()).isZero();
    }
}
