package io.obspipe.bench.measure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCounterGrowthTest {

    @Test
    void countsFromTheFirstSampleOn() {
        ThreadCounterGrowth growth = new ThreadCounterGrowth();
        growth.add(Map.of(1L, 500L));
        growth.add(Map.of(1L, 530L));
        assertThat(growth.total()).isEqualTo(30);
    }

    @Test
    void keepsWhatAThreadUsedBeforeItEnded() {
        ThreadCounterGrowth growth = new ThreadCounterGrowth();
        growth.add(Map.of(1L, 100L, 2L, 40L));
        growth.add(Map.of(1L, 110L, 2L, 90L));
        growth.add(Map.of(1L, 120L));
        assertThat(growth.total()).isEqualTo(10 + 50 + 10);
    }

    @Test
    void countsAllOfAThreadStartedBetweenSamples() {
        ThreadCounterGrowth growth = new ThreadCounterGrowth();
        growth.add(Map.of(1L, 100L));
        growth.add(Map.of(1L, 100L, 3L, 25L));
        assertThat(growth.total()).isEqualTo(25);
    }

    @Test
    void treatsAReusedThreadIdAsANewThread() {
        ThreadCounterGrowth growth = new ThreadCounterGrowth();
        growth.add(Map.of(4L, 300L));
        growth.add(Map.of(4L, 7L));
        assertThat(growth.total()).isEqualTo(7);
    }
}
