package io.obspipe.notifier.sink.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.notifier.support.AnalysisEvents;
import io.obspipe.notifier.support.ResultsTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis sink against the Redis server of this machine (127.0.0.1:6379), under a key prefix and channel of
 * its own that are removed afterwards. Skipped, with the reason, when no server answers there.
 */
@SpringBootTest(properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_RESULT_TOPIC=" + RedisSinkIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + RedisSinkIT.TOPIC + "-tasks",
        "ANALYSIS_TOPIC=" + RedisSinkIT.ANALYSIS_TOPIC,
        "ANALYSIS_KEY_POOL_TOPIC=" + RedisSinkIT.TOPIC + "-key-pool",
        "KAFKA_TOPIC_PARTITIONS=1",
        "NOTIFIER_GROUP_ID=redis-it",
        "NOTIFIER_SINKS_REDIS_ENABLED=true",
        "REDIS_URL=redis://127.0.0.1:6379",
        "NOTIFIER_REDIS_TTL=1h",
        "NOTIFIER_SINKS_DATABASE_ENABLED=false",
        "NOTIFIER_SINKS_LIVE_ENABLED=false",
        "NOTIFIER_SINKS_LOG_ENABLED=false"})
@DirtiesContext
@EnabledIf(value = "redisAnswers", disabledReason = "Redis does not answer at 127.0.0.1:6379: start it, e.g. with "
        + ".ci/ensure-test-services.sh, to run the Redis sink's test")
class RedisSinkIT {

    static final String TOPIC = "redis-it-results";
    static final String ANALYSIS_TOPIC = "redis-it-analyses";
    private static final String PREFIX = "obspipe-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private static final String CHANNEL = PREFIX + "results";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final RedisURI SERVER = RedisURI.builder().withHost("127.0.0.1").withPort(6379).withTimeout(Duration.ofSeconds(2)).build();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static StatefulRedisPubSubConnection<String, String> subscription;
    private static final List<String> published = new CopyOnWriteArrayList<>();

    private final ResultsTopic topic = new ResultsTopic(TOPIC);
    private final ResultsTopic analyses = new ResultsTopic(ANALYSIS_TOPIC);
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    static boolean redisAnswers() {
        RedisClient probe = RedisClient.create(SERVER);
        try (StatefulRedisConnection<String, String> ping = probe.connect()) {
            return "PONG".equals(ping.sync().ping());
        } catch (RuntimeException e) {
            return false;
        } finally {
            probe.shutdown();
        }
    }

    @BeforeAll
    static void connectAndSubscribe() {
        client = RedisClient.create(SERVER);
        connection = client.connect();
        subscription = client.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                published.add(message);
            }
        });
        subscription.sync().subscribe(CHANNEL);
    }

    @AfterAll
    static void removeKeysAndDisconnect() {
        RedisCommands<String, String> redis = connection.sync();
        ScanIterator.scan(redis, ScanArgs.Builder.matches(PREFIX + "*")).stream().forEach(redis::del);
        subscription.close();
        connection.close();
        client.shutdown();
    }

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("NOTIFIER_REDIS_KEY_PREFIX", () -> PREFIX);
        registry.add("NOTIFIER_REDIS_CHANNEL", () -> CHANNEL);
    }

    @Test
    void keepsTheLatestResultOfEachObjectCountsResultsByStatusAndPublishesEachOne() {
        RedisCommands<String, String> redis = connection.sync();
        Map<String, String> countsBefore = redis.hgetall(PREFIX + "counts");
        String first = run + "/first.csv";
        String second = run + "/second.csv";

        topic.send(result(run + "-1", ResultStatus.SUCCESS, first), result(run + "-2", ResultStatus.FAILED, second),
                result(run + "-3", ResultStatus.FAILED, first));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(publishedTaskIds()).contains(run + "-1", run + "-2", run + "-3"));
        Map<String, String> latest = redis.hgetall(PREFIX + "result:" + first);
        assertThat(latest).containsEntry("task_id", run + "-3")
                .containsEntry("status", "failed")
                .containsEntry("file_key", first)
                .containsEntry("bucket", "input-bucket")
                .containsEntry("error", "文件格式不支持")
                .containsEntry("error_code", "corrupt_content")
                .containsEntry("input_size", "1024")
                .containsEntry("worker_id", "worker-a")
                .as("no field left over from the object's previous result").doesNotContainKey("dest_key");
        assertThat(MessageCodec.decodeResult(latest.get("result").getBytes()).taskId()).isEqualTo(run + "-3");
        assertThat(redis.hget(PREFIX + "result:" + second, "status")).isEqualTo("failed");
        assertThat(redis.ttl(PREFIX + "result:" + first)).isBetween(3500L, 3600L);
        Map<String, String> counts = redis.hgetall(PREFIX + "counts");
        assertThat(count(counts, "success") - count(countsBefore, "success")).isEqualTo(1);
        assertThat(count(counts, "failed") - count(countsBefore, "failed")).isEqualTo(2);
    }

    @Test
    void aResultDeliveredAgainIsNeitherCountedNorPublishedTwice() {
        RedisCommands<String, String> redis = connection.sync();
        Map<String, String> countsBefore = redis.hgetall(PREFIX + "counts");
        var again = result(run + "-again", ResultStatus.SUCCESS, run + "/again.csv");

        topic.sendTo(0, again, again);

        TopicPartition partition = new TopicPartition(TOPIC, 0);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(topic.committedOffsets("redis-it-redis").get(partition)).isEqualTo(topic.endOffsets().get(partition)));
        assertThat(publishedTaskIds()).containsOnlyOnce(run + "-again");
        assertThat(count(redis.hgetall(PREFIX + "counts"), "success") - count(countsBefore, "success")).isEqualTo(1);
        assertThat(redis.hget(PREFIX + "result:" + run + "/again.csv", "task_id")).isEqualTo(run + "-again");
    }

    @Test
    void keepsTheLatestAnalysisOfEachObjectApartFromItsResultAndCountsEachAnalysisOnce() {
        RedisCommands<String, String> redis = connection.sync();
        Map<String, String> countsBefore = redis.hgetall(PREFIX + "counts");
        Map<String, String> analysisCountsBefore = redis.hgetall(PREFIX + "analysis_counts");
        String key = run + "/contract.pdf";
        ProcessingResult processed = result(run + "-a1", ResultStatus.SUCCESS, key);
        ProcessingResult reprocessed = result(run + "-a2", ResultStatus.SUCCESS, key);
        ProcessingResult refused = AnalysisEvents.failedAnalysis(processed, AnalysisErrorCode.NO_VALID_KEY, "no key of the pool is accepted");
        ProcessingResult answered = AnalysisEvents.analyzed(reprocessed, "key-b", "{\"parties\": 2}");

        topic.send(processed, reprocessed);
        analyses.sendTo(0, refused, answered, answered);

        TopicPartition partition = new TopicPartition(ANALYSIS_TOPIC, 0);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(analyses.committedOffsets("redis-it-redis").get(partition)).isEqualTo(analyses.endOffsets().get(partition)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(publishedTaskIds()).contains(run + "-a2"));
        Map<String, String> latest = redis.hgetall(PREFIX + "analysis:" + key);
        assertThat(latest).containsEntry("task_id", run + "-a2")
                .containsEntry("status", "success")
                .containsEntry("file_key", key)
                .containsEntry("bucket", "input-bucket")
                .containsEntry("model", AnalysisEvents.MODEL)
                .containsEntry("key_id", "key-b")
                .containsEntry("latency_ms", "840")
                .as("no field left over from the object's previous analysis").doesNotContainKeys("error", "error_code");
        assertThat(MessageCodec.mapper().readTree(latest.get("analysis")).get("text").asString()).isEqualTo("{\"parties\": 2}");
        assertThat(redis.ttl(PREFIX + "analysis:" + key)).isBetween(3500L, 3600L);
        assertThat(redis.hget(PREFIX + "result:" + key, "task_id")).as("the object's result is kept as it was").isEqualTo(run + "-a2");
        Map<String, String> analysisCounts = redis.hgetall(PREFIX + "analysis_counts");
        assertThat(count(analysisCounts, "success") - count(analysisCountsBefore, "success")).as("delivered twice, counted once").isEqualTo(1);
        assertThat(count(analysisCounts, "failed") - count(analysisCountsBefore, "failed")).isEqualTo(1);
        assertThat(count(redis.hgetall(PREFIX + "counts"), "success") - count(countsBefore, "success"))
                .as("analyses are not counted as results").isEqualTo(2);
        assertThat(publishedTaskIds()).as("analyses are not published as results").containsOnlyOnce(run + "-a1", run + "-a2");
    }

    private static List<String> publishedTaskIds() {
        return published.stream().map(message -> MessageCodec.decodeResult(message.getBytes()).taskId()).toList();
    }

    private static long count(Map<String, String> counts, String status) {
        return Long.parseLong(counts.getOrDefault(status, "0"));
    }
}
