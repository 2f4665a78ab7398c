package io.obspipe.notifier.sink.email;

import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ResultFields;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The failures collected for one e-mail: all of them counted by error code, the first
 * {@code maxListed} listed with key, error, task and worker, so a storm of failures makes one
 * mail of bounded size.
 */
final class FailureDigest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final int maxListed;
    private final Duration interval;
    private final List<Failure> listed = new ArrayList<>();
    private final Map<String, Integer> byErrorCode = new TreeMap<>();
    private int count;
    private Instant first;
    private Instant last;

    FailureDigest(int maxListed, Duration interval) {
        this.maxListed = maxListed;
        this.interval = interval;
    }

    /** @param arrivedAt when the notifier got the result, used when the result has no timestamp */
    void add(ProcessingResult result, Instant arrivedAt) {
        Instant at = Objects.requireNonNullElse(result.timestamp(), arrivedAt);
        count++;
        byErrorCode.merge(Objects.requireNonNullElse(ResultFields.errorCode(result), "unknown"), 1, Integer::sum);
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || at.isAfter(last) ? at : last;
        if (listed.size() < maxListed) {
            listed.add(new Failure(at, result));
        }
    }

    int count() {
        return count;
    }

    String subject() {
        return "[obs-pipeline] " + count + (count == 1 ? " file" : " files") + " failed processing";
    }

    String body() {
        StringBuilder body = new StringBuilder();
        body.append(count).append(count == 1 ? " file" : " files").append(" failed processing between ")
                .append(TIME.format(first)).append(" and ").append(TIME.format(last)).append(".\n\n");
        body.append("By error code:\n");
        byErrorCode.forEach((code, failures) -> body.append(String.format("  %-22s %d%n", code, failures)));
        body.append("\nFailed files").append(count > listed.size() ? " (the first " + listed.size() + ")" : "").append(":\n");
        listed.stream().sorted(Comparator.comparing(Failure::at)).forEach(failure -> append(body, failure));
        if (count > listed.size()) {
            body.append("\n... and ").append(count - listed.size())
                    .append(" more; GET /api/results?status=failed on the notifier lists them all.\n");
        }
        body.append("\n-- \nresult-notifier: one digest of failures per ").append(interval)
                .append(" at most (NOTIFIER_EMAIL_INTERVAL)\n");
        return body.toString();
    }

    private static void append(StringBuilder body, Failure failure) {
        ProcessingResult result = failure.result();
        body.append("\n  ").append(TIME.format(failure.at())).append("  ").append(ResultFields.sourceKey(result)).append('\n');
        body.append("      error: ").append(Objects.requireNonNullElse(result.error(), "(none given)"));
        if (result.errorCode() != null) {
            body.append(" (").append(ResultFields.errorCode(result)).append(')');
        }
        body.append('\n');
        body.append("      task ").append(Objects.requireNonNullElse(result.taskId(), "-"))
                .append(", worker ").append(Objects.requireNonNullElse(result.workerId(), "-"))
                .append(", bucket ").append(result.source() == null ? "-" : result.source().bucket()).append('\n');
    }

    private record Failure(Instant at, ProcessingResult result) {
    }
}
