package io.obspipe.generator.command;

import io.obspipe.generator.job.JobReport;
import io.obspipe.generator.plan.GeneratorMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The log lines a run leaves: a failure as one sentence, one line per job in batch mode, and the
 * summary last. The summary's message carries {@code scanned=<n> published=<n> skipped=<n> failed=<n>}
 * as literal tokens (the local launcher parses them from the log file), then for an incremental scan
 * {@code new=<n> changed=<n> unchanged=<n>}, with routes {@code routes=<topic>:<n>,...}, after a crash
 * {@code resumed_after=<key>}; and the same values as fields.
 */
final class RunLog {

    private static final Logger log = LoggerFactory.getLogger(RunLog.class);

    private RunLog() {
    }

    static void failure(GeneratorMode mode, JobReport job) {
        String where = mode == GeneratorMode.BATCH ? "job '" + job.name() + "' failed: " : "task generation failed: ";
        // storage errors may quote a server message with line breaks; the failure stays one line
        String sentence = where + job.failure().replaceAll("\\s+", " ");
        log.atError().addKeyValue("job", job.name()).addKeyValue("bucket", job.bucket()).log(sentence);
    }

    static void jobFinished(JobReport job) {
        fields(log.atInfo(), job).addKeyValue("job", job.name()).addKeyValue("bucket", job.bucket())
                .log("job '" + job.name() + "' finished: " + tokens(job));
    }

    static void notRun(List<String> jobs) {
        log.atWarn().addKeyValue("jobs_not_run", jobs)
                .log("jobs not run because Kafka did not accept tasks: " + String.join(", ", jobs));
    }

    static void summary(GeneratorMode mode, int jobs, JobReport total) {
        String status = total.succeeded() ? "success" : "failed";
        fields(total.succeeded() ? log.atInfo() : log.atError(), total)
                .addKeyValue("status", status).addKeyValue("mode", mode(mode)).addKeyValue("jobs", jobs)
                .log("task generation finished: status=" + status + " mode=" + mode(mode) + " jobs=" + jobs + " " + tokens(total));
    }

    private static LoggingEventBuilder fields(LoggingEventBuilder event, JobReport report) {
        event = event.addKeyValue("scanned", report.scanned())
                .addKeyValue("published", report.published())
                .addKeyValue("skipped", report.skipped())
                .addKeyValue("failed", report.failed())
                .addKeyValue("duration_ms", report.duration().toMillis())
                .addKeyValue("objects_per_second", round(report.objectsPerSecond()));
        if (report.incremental()) {
            event = event.addKeyValue("new", report.newObjects()).addKeyValue("changed", report.changed())
                    .addKeyValue("unchanged", report.unchanged());
        }
        if (report.publishedByTopic().size() > 1) {
            event = event.addKeyValue("routes", routes(report));
        }
        if (report.resumedAfter() != null) {
            event = event.addKeyValue("resumed_after", report.resumedAfter());
        }
        return event;
    }

    private static String tokens(JobReport report) {
        StringBuilder tokens = new StringBuilder("scanned=" + report.scanned() + " published=" + report.published()
                + " skipped=" + report.skipped() + " failed=" + report.failed());
        if (report.incremental()) {
            tokens.append(" new=").append(report.newObjects()).append(" changed=").append(report.changed())
                    .append(" unchanged=").append(report.unchanged());
        }
        if (report.publishedByTopic().size() > 1) {
            tokens.append(" routes=").append(routes(report));
        }
        if (report.resumedAfter() != null) {
            tokens.append(" resumed_after=").append(report.resumedAfter());
        }
        return tokens.append(" duration_ms=").append(report.duration().toMillis())
                .append(" objects_per_second=").append(round(report.objectsPerSecond())).toString();
    }

    private static String routes(JobReport report) {
        return report.publishedByTopic().entrySet().stream()
                .map(route -> route.getKey() + ":" + route.getValue()).collect(Collectors.joining(","));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String mode(GeneratorMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
