package io.obspipe.notifier.summary;

import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.config.NotifierProperties;
import io.obspipe.notifier.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SummaryReporterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RunningSummary summary = new RunningSummary(clock);
    private final SummaryReporter reporter = new SummaryReporter(summary, new NotifierProperties("result-notifier", 1, 1,
            Duration.ofSeconds(30)));

    @Test
    void logsTheSummaryLineOnlyWhenResultsArrivedSinceTheLastLine(CapturedOutput output) {
        reporter.reportIfChanged();
        summary.record(ResultStatus.SUCCESS);
        summary.record(ResultStatus.FAILED);
        clock.advance(Duration.ofSeconds(10));

        reporter.reportIfChanged();
        reporter.reportIfChanged();

        assertThat(output.getOut().lines().filter(line -> line.contains("results summary")))
                .singleElement().asString()
                .contains("succeeded=1 failed=1 total=2 files_per_s=0.2 last_minute_files_per_s=0.2");
    }
}
