package io.obspipe.bench.measure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcFsTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void countsTheWaitForACoreOfEveryThreadAndTheCpuOfTheCompilerThreads() {
        assumeTrue(ProcFs.COUNTS_RUN_QUEUE_WAITS, "this kernel keeps no schedstat");
        ProcFs.ThreadCounts counts = ProcFs.threadCounts(PID).orElseThrow();
        assertThat(counts.runQueueNanos()).hasSizeGreaterThan(counts.compilerTicks().size());
        assertThat(counts.runQueueNanos().keySet()).containsAll(counts.compilerTicks().keySet());
    }

    @Test
    void busyThreadsThatOutnumberTheCoresWaitForOne() throws InterruptedException {
        assumeTrue(ProcFs.COUNTS_RUN_QUEUE_WAITS, "this kernel keeps no schedstat");
        ThreadCounterGrowth waited = new ThreadCounterGrowth();
        waited.add(ProcFs.threadCounts(PID).orElseThrow().runQueueNanos());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i <= Runtime.getRuntime().availableProcessors(); i++) {
            Thread spinner = new Thread(() -> {
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            });
            spinner.start();
            spinners.add(spinner);
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                waited.add(ProcFs.threadCounts(PID).orElseThrow().runQueueNanos());
                return waited.total() > 0;
            });
        } finally {
            stop.set(true);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
    }

    @Test
    void anEndedProcessHasNoCounts() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(ProcFs.threadCounts(ended.pid())).isEmpty();
    }
}
