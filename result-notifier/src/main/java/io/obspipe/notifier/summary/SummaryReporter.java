package io.obspipe.notifier.summary;

import io.obspipe.notifier.config.NotifierProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Logs the running summary every NOTIFIER_SUMMARY_INTERVAL when results arrived since the last
 * line, and once more at shutdown (after the consumer stopped), as
 * {@code results summary succeeded=<n> failed=<n> total=<n> files_per_s=<x> last_minute_files_per_s=<x>}.
 */
@Component
public class SummaryReporter implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SummaryReporter.class);

    private final RunningSummary summary;
    private final Duration interval;
    private long reportedTotal;

    public SummaryReporter(RunningSummary summary, NotifierProperties properties) {
        this.summary = summary;
        this.interval = properties.summaryInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::reportIfChanged, interval);
    }

    @Override
    public void destroy() {
        reportIfChanged();
    }

    synchronized void reportIfChanged() {
        SummarySnapshot snapshot = summary.snapshot();
        if (snapshot.total() == reportedTotal) {
            return;
        }
        reportedTotal = snapshot.total();
        log.atInfo()
                .addKeyValue("succeeded", snapshot.succeeded())
                .addKeyValue("failed", snapshot.failed())
                .addKeyValue("total", snapshot.total())
                .addKeyValue("files_per_s", snapshot.filesPerSecond())
                .addKeyValue("last_minute_files_per_s", snapshot.lastMinuteFilesPerSecond())
                .log("results summary succeeded={} failed={} total={} files_per_s={} last_minute_files_per_s={}",
                        snapshot.succeeded(), snapshot.failed(), snapshot.total(),
                        snapshot.filesPerSecond(), snapshot.lastMinuteFilesPerSecond());
    }
}
