package io.obspipe.platform.health;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One log line when a backend becomes unavailable (with the first reason, never a stack trace) and one when it
 * is back, however often the probes ask.
 */
final class HealthChangeLog {

    private final Logger log;
    private final String backend;
    private final AtomicReference<String> lastProblem = new AtomicReference<>();

    HealthChangeLog(Logger log, String backend) {
        this.log = log;
        this.backend = backend;
    }

    void down(String problem) {
        if (lastProblem.getAndSet(problem) == null) {
            log.atWarn().addKeyValue("backend", backend).log("{} is not available: {}", backend, problem);
        }
    }

    void up() {
        if (lastProblem.getAndSet(null) != null) {
            log.atInfo().addKeyValue("backend", backend).log("{} is available again", backend);
        }
    }

    /** The innermost message of a failure, on one line. */
    static String reason(Throwable failure, String otherwise) {
        String reason = otherwise;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getMessage().lines().findFirst().orElse(otherwise).trim();
            }
        }
        return reason;
    }
}
