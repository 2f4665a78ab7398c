package io.obspipe.analysis.keypool;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obspipe.analysis.llm.ChatAnswer;
import io.obspipe.analysis.llm.ChatCompletions;
import io.obspipe.localstack.llm.ChatCompletionsServer;
import io.obspipe.localstack.llm.KeyBehaviour;
import io.obspipe.localstack.llm.KeyTraffic;
import io.obspipe.model.AnalysisErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key pool with the real OpenAI SDK against a local chat-completions server that plays a provider's part:
 * what the pool promises (limits, cool-downs, keys out after 401, retries elsewhere) is checked on the server's side.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyPoolIT {

    /**
     * The server counts arrivals, which lag the pool's permits by the request's way to the server (thread scheduling,
     * the SDK, a new connection): on a loaded 2-core box that bunches arrivals by up to a few hundred milliseconds.
     * The one-second window is shortened by that allowance; a burst or a missing limit would still show twice the limit.
     */
    static final Duration WINDOW_LESS_TRANSIT = Duration.ofMillis(750);

    final ChatCompletionsServer server = ChatCompletionsServer.start(0, KeyBehaviour.ok().latency(Duration.ofMillis(20), Duration.ofMillis(60)));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ChatCompletions chat;

    @AfterEach
    void stop() {
        if (chat != null) {
            chat.close();
        }
        server.close();
    }

    private KeyPool pool(List<ApiKeySpec> keys, KeyStrategy strategy, int maxAttempts, Duration keyWait, Duration timeout) {
        chat = new ChatCompletions(keys, server.baseUrl(), "test-model", timeout, 10);
        return new KeyPool(keys, new KeyPool.Rules(strategy, maxAttempts, keyWait, new ExponentialBackOff(50, 2.0),
                Duration.ofMillis(200), Duration.ofSeconds(2)), new KeyPoolMetrics(registry));
    }

    private PoolResult<ChatAnswer> call(KeyPool pool) throws InterruptedException {
        return pool.call(key -> chat.complete(key, "analyse this"), 10);
    }

    private static ApiKeySpec key(String id, int qps, int rpm) {
        return new ApiKeySpec(id, "sk-secret-of-" + id, 1, qps, rpm, null);
    }

    @Test
    void limitsCoolDownsAndRefusedKeysHoldOnTheServersSide(CapturedOutput output) throws Exception {
        List<ApiKeySpec> keys = List.of(key("fast-1", 5, 600), key("fast-2", 5, 600), key("limited", 2, 600),
                key("refused", 5, 600), key("flaky", 5, 600), key("per-minute", 50, 120));
        server.behave("sk-secret-of-limited", KeyBehaviour.ok().rateLimited(2, Duration.ofMillis(700)));
        server.behave("sk-secret-of-refused", KeyBehaviour.ok().refused(401));
        server.behave("sk-secret-of-flaky", KeyBehaviour.ok().latency(Duration.ofMillis(20), Duration.ofMillis(60)).serverErrors(4));
        KeyPool pool = pool(keys, KeyStrategy.LEAST_LOADED, 6, Duration.ofSeconds(20), Duration.ofSeconds(10));

        ExecutorService callers = Executors.newFixedThreadPool(12);
        List<Future<PoolResult<ChatAnswer>>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(callers.submit(() -> call(pool)));
        }
        List<PoolResult<ChatAnswer>> results = new ArrayList<>();
        for (Future<PoolResult<ChatAnswer>> call : calls) {
            results.add(call.get());
        }
        callers.shutdown();

        assertThat(results).allSatisfy(result -> {
            assertThat(result.succeeded()).as(result.error()).isTrue();
            assertThat(result.value().text()).contains("test-model");
        });
        for (ApiKeySpec key : keys) {
            KeyTraffic traffic = server.traffic(key.apiKey());
            assertThat(traffic.maxInWindow(WINDOW_LESS_TRANSIT)).as("requests to %s within a second", key.id())
                    .isLessThanOrEqualTo(Math.min(key.qpsLimit(), key.rpmLimit() / 60));
        }
        KeyTraffic limited = server.traffic("sk-secret-of-limited");
        assertThat(limited.coolDowns()).isPositive();
        assertThat(limited.arrivalsDuringCoolDown()).isZero();
        KeyTraffic refused = server.traffic("sk-secret-of-refused");
        assertThat(refused.withStatus(401)).as("requests to the refused key, all refused").isPositive().isEqualTo(refused.requests());
        assertThat(refused.arrivalsAfterFirstAnswer(401, Duration.ofSeconds(1).minus(WINDOW_LESS_TRANSIT)))
                .as("requests sent to the refused key after its 401 could be read").isZero();
        assertThat(server.traffic("sk-secret-of-flaky").withStatus(500)).isPositive();
        assertThat(registry.counter("pipeline.analysis.requests", "key_id", "limited", "outcome", "rate_limited").count()).isPositive();
        assertThat(registry.counter("pipeline.analysis.requests", "key_id", "flaky", "outcome", "error").count()).isPositive();
        assertThat(registry.counter("pipeline.analysis.key.cooldowns", "key_id", "limited").count()).isPositive();
        assertThat(output.getAll().lines().filter(line -> line.contains("API key refused was refused"))).hasSize(1);
        assertThat(output.getAll()).doesNotContain("sk-secret-of-");
        assertThat(pool.snapshot("w", 12).toString()).doesNotContain("sk-secret-of-");
    }

    @Test
    void whenEveryKeyCoolsDownTheCallWaitsItsBoundThenFailsAsRateLimited() throws Exception {
        server.behave("sk-secret-of-only", KeyBehaviour.ok().rateLimited(1, Duration.ofSeconds(30)));
        KeyPool pool = pool(List.of(key("only", 5, 600)), KeyStrategy.LEAST_LOADED, 3, Duration.ofMillis(300), Duration.ofSeconds(5));

        PoolResult<ChatAnswer> result = call(pool);

        assertThat(result.errorCode()).isEqualTo(AnalysisErrorCode.RATE_LIMITED);
        assertThat(result.error()).isEqualTo("every key was cooling down or out of quota for 300 ms (ANALYSIS_KEY_WAIT_TIMEOUT)");
        assertThat(server.traffic("sk-secret-of-only").requests()).isEqualTo(1);
        assertThat(pool.snapshot("w", 1).keys().get(0).state()).isEqualTo("cooling");
    }

    @Test
    void whenEveryKeyIsRefusedTheCallFailsWithNoValidKey() throws Exception {
        server.behaveByDefault(KeyBehaviour.ok().refused(403));
        KeyPool pool = pool(List.of(key("a", 5, 600), key("b", 5, 600)), KeyStrategy.ROUND_ROBIN, 5, Duration.ofSeconds(5), Duration.ofSeconds(5));

        PoolResult<ChatAnswer> result = call(pool);

        assertThat(result.errorCode()).isEqualTo(AnalysisErrorCode.NO_VALID_KEY);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(call(pool).errorCode()).isEqualTo(AnalysisErrorCode.NO_VALID_KEY);
        assertThat(server.requests()).isEqualTo(2);
        assertThat(pool.snapshot("w", 1).keys()).allSatisfy(state -> assertThat(state.state()).isEqualTo("disabled"));
    }

    @Test
    void aTimeoutIsRetriedOnAnotherKey() throws Exception {
        server.behave("sk-secret-of-slow", KeyBehaviour.ok().latency(Duration.ofSeconds(3), Duration.ofSeconds(3)));
        KeyPool pool = pool(List.of(key("slow", 5, 600), key("quick", 5, 600)), KeyStrategy.ROUND_ROBIN, 3, Duration.ofSeconds(5),
                Duration.ofMillis(500));

        PoolResult<ChatAnswer> result = call(pool);

        assertThat(result.succeeded()).as(result.error()).isTrue();
        assertThat(result.keyId()).isEqualTo("quick");
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(registry.counter("pipeline.analysis.requests", "key_id", "slow", "outcome", "timeout").count()).isEqualTo(1);
    }
}
