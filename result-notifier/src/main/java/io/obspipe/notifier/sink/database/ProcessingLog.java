package io.obspipe.notifier.sink.database;

import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultView;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The {@code processing_log} table: one row per result, at most one per task id. */
@Repository
@ConditionalOnSinkEnabled("database")
public class ProcessingLog {

    private static final int MAX_ERROR_LENGTH = 4000;

    private static final String INSERT = """
            INSERT INTO processing_log (task_id, file_key, bucket, dest_bucket, dest_key, status, error, error_code,
                input_size, output_size, processing_time, worker_id, worker_type, processor, timestamp, recorded_at)
            VALUES (:task_id, :file_key, :bucket, :dest_bucket, :dest_key, :status, :error, :error_code,
                :input_size, :output_size, :processing_time, :worker_id, :worker_type, :processor, :timestamp, :recorded_at)
            """;
    private static final String SELECT = """
            SELECT task_id, status, file_key, bucket, dest_bucket, dest_key, input_size, output_size, processing_time,
                error, error_code, worker_id, timestamp
            FROM processing_log
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionOperations transaction;

    public ProcessingLog(JdbcClient jdbc, NamedParameterJdbcTemplate batches, TransactionOperations transaction) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transaction = transaction;
    }

    /**
     * Adds the result's row.
     *
     * @param recordedAt now; also the result's time if it has none
     * @return false when a row of the same task id exists already (the result was delivered before)
     */
    public boolean record(ProcessingResult result, Instant recordedAt) {
        try {
            jdbc.sql(INSERT).paramSource(row(result, recordedAt)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Adds the rows of the results as one batch in one transaction, all or none; of results with the same task id only
     * the first is written.
     *
     * @param recordedAt now; also the time of a result that has none
     * @throws org.springframework.dao.DataIntegrityViolationException when the database refused a row (one of a task id
     *                                                                  it has already, or one breaking a constraint): none was written
     */
    public void recordAll(List<ProcessingResult> results, Instant recordedAt) {
        Set<String> taskIds = new HashSet<>();
        List<SqlParameterSource> rows = new ArrayList<>(results.size());
        for (ProcessingResult result : results) {
            if (result.taskId() == null || taskIds.add(result.taskId())) {
                rows.add(row(result, recordedAt));
            }
        }
        transaction.executeWithoutResult(status -> batches.batchUpdate(INSERT, rows.toArray(SqlParameterSource[]::new)));
    }

    private static SqlParameterSource row(ProcessingResult result, Instant recordedAt) {
        ResultView view = ResultView.of(result);
        Instant finishedAt = Objects.requireNonNullElse(result.timestamp(), recordedAt);
        return new MapSqlParameterSource()
                .addValue("task_id", view.taskId())
                .addValue("file_key", view.fileKey())
                .addValue("bucket", view.bucket())
                .addValue("dest_bucket", view.destBucket())
                .addValue("dest_key", view.destKey())
                .addValue("status", view.status())
                .addValue("error", truncated(view.error()))
                .addValue("error_code", view.errorCode())
                .addValue("input_size", view.inputSize())
                .addValue("output_size", view.outputSize())
                .addValue("processing_time", view.processingTime())
                .addValue("worker_id", view.workerId())
                .addValue("worker_type", result.workerType() == null ? null : result.workerType().name().toLowerCase(Locale.ROOT))
                .addValue("processor", result.processor())
                .addValue("timestamp", OffsetDateTime.ofInstant(finishedAt, ZoneOffset.UTC))
                .addValue("recorded_at", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
    }

    /** Results recorded per status: each task counted once, whatever was redelivered or restarted. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM processing_log GROUP BY status")
                .query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .list().forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    public List<ResultView> find(ResultQuery query) {
        List<String> conditions = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>();
        if (query.status() != null) {
            conditions.add("status = ?");
            params.add(query.status().wireName());
        }
        if (query.prefix() != null && !query.prefix().isEmpty()) {
            conditions.add("file_key LIKE ? ESCAPE '\\'");
            params.add(likePrefix(query.prefix()));
        }
        if (query.since() != null) {
            conditions.add("timestamp >= ?");
            params.add(OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
        }
        if (!conditions.isEmpty()) {
            sql.append("WHERE ").append(String.join(" AND ", conditions)).append('\n');
        }
        sql.append("ORDER BY timestamp DESC, id DESC\nFETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(ProcessingLog::view).list();
    }

    private static ResultView view(ResultSet row, int number) throws SQLException {
        return new ResultView(
                row.getString("task_id"),
                row.getString("status"),
                row.getString("file_key"),
                row.getString("bucket"),
                row.getString("dest_bucket"),
                row.getString("dest_key"),
                row.getObject("input_size", Long.class),
                row.getObject("output_size", Long.class),
                row.getObject("processing_time", Double.class),
                row.getString("error"),
                row.getString("error_code"),
                row.getString("worker_id"),
                row.getObject("timestamp", OffsetDateTime.class).toInstant());
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String truncated(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
