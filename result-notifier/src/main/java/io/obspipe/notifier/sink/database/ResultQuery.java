package io.obspipe.notifier.sink.database;

import io.obspipe.model.ResultStatus;

import java.time.Instant;

/**
 * A search of the processing log, newest first.
 *
 * @param status only results of this status; null for all
 * @param prefix only results whose file key starts with this; null or empty for all
 * @param since  only results finished at or after this time; null for all
 * @param limit  at most this many results
 */
public record ResultQuery(ResultStatus status, String prefix, Instant since, int limit) {
}
