package io.obspipe.generator.command;

import io.obspipe.generator.job.JobReport;
import io.obspipe.generator.plan.GeneratorMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.List;
import java.util.Locale;

/**
 * The log lines a run leaves: a failure as one sentence, one line per job in batch mode, and the
 * summary last. The summary's message carries {@code scanned=<n> published=<n> skipped=<n> failed=<n>}
 * as literal tokens (the local launcher parses them from the log file), and the same values as fields.
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
        return event.addKeyValue("scanned", report.scanned())
                .addKeyValue("published", report.published())
                .addKeyValue("skipped", report.skipped())
                .addKeyValue("failed", report.failed())
                .addKeyValue("duration_ms", report.duration().toMillis())
                .addKeyValue("objects_per_second", round(report.objectsPerSecond()));
    }

    private static String tokens(JobReport report) {
        return "scanned=" + report.scanned() + " published=" + report.published() + " skipped=" + report.skipped()
                + " failed=" + report.failed() + " duration_ms=" + report.duration().toMillis()
                + " objects_per_second=" + round(report.objectsPerSecond());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String mode(GeneratorMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
