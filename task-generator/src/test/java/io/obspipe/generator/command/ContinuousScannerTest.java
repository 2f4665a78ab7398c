package io.obspipe.generator.command;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.generator.job.JobExecutor;
import io.obspipe.generator.job.JobReport;
import io.obspipe.generator.plan.GenerationPlan;
import io.obspipe.generator.plan.GeneratorMode;
import io.obspipe.generator.plan.Job;
import io.obspipe.generator.plan.ScanJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ContinuousScannerTest {

    @Test
    void aScanFailingWithoutAMessageIsLoggedByItsExceptionAndTheNextScanStillRuns(CapturedOutput output) throws Exception {
        CountDownLatch twoScans = new CountDownLatch(2);
        JobExecutor failing = new JobExecutor(null, null, new SimpleMeterRegistry(), null) {
            @Override
            public JobReport run(Job job, int maxInFlight, BooleanSupplier stopRequested) {
                twoScans.countDown();
                throw new IllegalStateException();
            }
        };
        GenerationPlan plan = new GenerationPlan(GeneratorMode.SCAN,
                List.of(new ScanJob("scan", "bucket", "", "bucket", 0)), 100);
        Duration interval = Duration.ofMillis(50);
        ContinuousScanner scanner = new ContinuousScanner(plan, failing, interval,
                new ScanSchedule(interval, Clock.systemUTC(), new SimpleMeterRegistry()));

        scanner.start();
        try {
            assertThat(twoScans.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            scanner.stop();
        }

        assertThat(scanner.isRunning()).isFalse();
        assertThat(output.getOut()).contains("scan failed: java.lang.IllegalStateException; the next scan runs on schedule");
    }
}
