package io.obspipe.notifier.sink.redis;

import io.obspipe.model.Analysis;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.AnalysisView;
import io.obspipe.notifier.sink.ConditionalOnSinkEnabled;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.ResultView;
import io.obspipe.notifier.sink.RetryPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the latest state of the pipeline in Redis, in one atomic script per result:
 * <ul>
 *   <li>hash {@code <prefix>result:<file key>}: the object's latest result, one field per column of the
 *       processing log plus {@code result} (the whole JSON), expiring NOTIFIER_REDIS_TTL after it was written;</li>
 *   <li>hash {@code <prefix>counts}: results per status ({@code success}, {@code failed});</li>
 *   <li>channel NOTIFIER_REDIS_CHANNEL: the result's JSON.</li>
 * </ul>
 * and in one per analysis of the analysis stage:
 * <ul>
 *   <li>hash {@code <prefix>analysis:<file key>}: the object's latest analysis, one field per scalar of it plus
 *       {@code analysis} (the whole analysis JSON, answer included), expiring as the results do;</li>
 *   <li>hash {@code <prefix>analysis_counts}: analyses per status.</li>
 * </ul>
 * A result (an analysis) delivered again while it is still its object's latest (same task id) changes nothing,
 * so a retry or a restart neither counts nor publishes it twice.
 */
@Component
@ConditionalOnSinkEnabled("redis")
@EnableConfigurationProperties(RedisSinkProperties.class)
public class RedisSink implements ResultSink {

    private static final RedisScript<Long> RECORD = RedisScript.of("""
            -- KEYS: the object's hash, the counts hash
            -- ARGV: task id ('' when none), status, ttl in seconds (0 = none), channel ('' = publish nothing), message, field, value, ...
            if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'task_id') == ARGV[1] then
              return 0
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 6))
            if tonumber(ARGV[3]) > 0 then
              redis.call('EXPIRE', KEYS[1], ARGV[3])
            end
            redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
            if ARGV[4] ~= '' then
              redis.call('PUBLISH', ARGV[4], ARGV[5])
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisSinkProperties properties;

    public RedisSink(StringRedisTemplate redis, RedisSinkProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean readsAnalyses() {
        return true;
    }

    @Override
    public void deliver(ProcessingResult result) {
        ResultView view = ResultView.of(result);
        String json = MessageCodec.encodeToString(result);
        record("result:", "counts", view.taskId(), view.fileKey(), view.status(), properties.channel(), json, fields(view, json));
    }

    @Override
    public void deliverAnalysis(ProcessingResult analyzed) {
        AnalysisView view = AnalysisView.of(analyzed);
        Analysis analysis = analyzed.analysis();
        record("analysis:", "analysis_counts", view.taskId(), view.fileKey(), Objects.requireNonNullElse(view.status(), "unknown"),
                "", "", fields(view, MessageCodec.encodeToString(analysis)));
    }

    @Override
    public RetryPolicy retryPolicy() {
        return properties.retry();
    }

    private void record(String kind, String counts, String taskId, String fileKey, String status, String channel, String message,
                        Map<String, String> fields) {
        List<Object> args = new ArrayList<>(List.of(Objects.requireNonNullElse(taskId, ""), status, Long.toString(ttlSeconds()),
                channel, message));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        String key = properties.keyPrefix() + kind + Objects.requireNonNullElse(fileKey, "");
        redis.execute(RECORD, List.of(key, properties.keyPrefix() + counts), args.toArray());
    }

    private long ttlSeconds() {
        long millis = properties.ttl().toMillis();
        return millis == 0 ? 0 : Math.max(1, (millis + 999) / 1000);
    }

    private static Map<String, String> fields(ResultView view, String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "task_id", view.taskId());
        put(fields, "status", view.status());
        put(fields, "file_key", view.fileKey());
        put(fields, "bucket", view.bucket());
        put(fields, "dest_bucket", view.destBucket());
        put(fields, "dest_key", view.destKey());
        put(fields, "input_size", view.inputSize());
        put(fields, "output_size", view.outputSize());
        put(fields, "processing_time", view.processingTime());
        put(fields, "error", view.error());
        put(fields, "error_code", view.errorCode());
        put(fields, "worker_id", view.workerId());
        put(fields, "timestamp", view.timestamp());
        fields.put("result", json);
        return fields;
    }

    private static Map<String, String> fields(AnalysisView view, String analysisJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "task_id", view.taskId());
        put(fields, "file_key", view.fileKey());
        put(fields, "bucket", view.bucket());
        put(fields, "status", view.status());
        put(fields, "model", view.model());
        put(fields, "key_id", view.keyId());
        put(fields, "latency_ms", view.latencyMs());
        put(fields, "attempts", view.attempts());
        put(fields, "prompt_tokens", view.promptTokens());
        put(fields, "completion_tokens", view.completionTokens());
        put(fields, "error", view.error());
        put(fields, "error_code", view.errorCode());
        put(fields, "analyzed_at", view.analyzedAt());
        fields.put("analysis", analysisJson);
        return fields;
    }

    private static void put(Map<String, String> fields, String field, Object value) {
        if (value != null) {
            fields.put(field, value.toString());
        }
    }
}
