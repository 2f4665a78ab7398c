package io.obspipe.notifier.sink.database;

import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/results?status=&prefix=&since=&limit=}: the processing log, newest first.
 * {@code status} is success or failed, {@code since} an ISO-8601 instant (2025-08-25T12:00:00Z),
 * {@code limit} 1 to 1000 (default 100).
 */
@RestController
@ConditionalOnSinkEnabled("database")
public class ProcessingLogController {

    private static final int MAX_LIMIT = 1000;

    private final ProcessingLog processingLog;

    public ProcessingLogController(ProcessingLog processingLog) {
        this.processingLog = processingLog;
    }

    @GetMapping("/api/results")
    public List<ResultView> results(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String prefix,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw badRequest("limit must be from 1 to " + MAX_LIMIT);
        }
        return processingLog.find(new ResultQuery(status(status), prefix, instant(since), limit));
    }

    private static ResultStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        return Arrays.stream(ResultStatus.values())
                .filter(candidate -> candidate.wireName().equals(status))
                .findFirst()
                .orElseThrow(() -> badRequest("status must be success or failed"));
    }

    private static Instant instant(String since) {
        if (since == null || since.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw badRequest("since must be an ISO-8601 instant such as 2025-08-25T12:00:00Z");
        }
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }
}
