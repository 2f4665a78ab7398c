package io.obspipe.generator.incremental;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishBudgetTest {

    @Test
    void aCapAllowsExactlyThatManyTasks() {
        PublishBudget budget = new PublishBudget(2);
        assertThat(budget.take()).isTrue();
        assertThat(budget.exhausted()).isFalse();
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isFalse();
        assertThat(budget.exhausted()).isTrue();
    }

    @Test
    void zeroMeansNoCap() {
        PublishBudget budget = new PublishBudget(0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(budget.take()).isTrue();
        }
        assertThat(budget.exhausted()).isFalse();
    }
}
