package io.obspipe.analysis.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.obspipe.analysis.keypool.ApiKeySpec;
import io.obspipe.analysis.keypool.CallOutcome;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat-completions API through the official OpenAI Java SDK, one client per key of the pool (each with the
 * key's secret, ANALYSIS_BASE_URL and ANALYSIS_TIMEOUT). The SDK's own retries are off: the key pool is the only
 * retry loop, so each call is one request and its outcome is classified for the pool. Each client keeps as many idle
 * connections as requests may be in flight (OkHttp keeps five by default and would close and reopen the rest).
 */
public final class ChatCompletions implements AutoCloseable {

    /** OkHttp's default; the SDK takes the idle connection count only together with it. */
    private static final Duration IDLE_KEEP_ALIVE = Duration.ofMinutes(5);

    private final Map<String, OpenAIClient> clients = new LinkedHashMap<>();
    private final String model;

    public ChatCompletions(List<ApiKeySpec> keys, String baseUrl, String model, Duration timeout, int maxConcurrent) {
        this.model = model;
        for (ApiKeySpec key : keys) {
            clients.put(key.id(), OpenAIOkHttpClient.builder().apiKey(key.apiKey()).baseUrl(baseUrl).timeout(timeout)
                    .maxRetries(0).maxIdleConnections(maxConcurrent).keepAliveDuration(IDLE_KEEP_ALIVE).build());
        }
    }

    public String model() {
        return model;
    }

    /** One request with {@code key}: the answer, or what went wrong as the pool needs to know it. */
    public CallOutcome<ChatAnswer> complete(ApiKeySpec key, String prompt) {
        OpenAIClient client = clients.get(key.id());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build();
        try {
            ChatCompletion completion = client.chat().completions().create(params);
            String text = completion.choices().isEmpty() ? "" : completion.choices().get(0).message().content().orElse("");
            Integer promptTokens = completion.usage().map(usage -> (int) usage.promptTokens()).orElse(null);
            Integer completionTokens = completion.usage().map(usage -> (int) usage.completionTokens()).orElse(null);
            return new CallOutcome.Success<>(new ChatAnswer(text, completion.model(), promptTokens, completionTokens));
        } catch (RateLimitException e) {
            return new CallOutcome.RateLimited<>(RetryAfter.of(e.headers()), message(e));
        } catch (UnauthorizedException | PermissionDeniedException e) {
            return new CallOutcome.AuthFailed<>(e.statusCode(), message(e));
        } catch (OpenAIServiceException e) {
            int status = e.statusCode();
            if (status >= 500 || status == 408 || status == 409) {
                return new CallOutcome.Unavailable<>(false, status + " " + message(e));
            }
            return new CallOutcome.Rejected<>(status, message(e));
        } catch (OpenAIIoException e) {
            return new CallOutcome.Unavailable<>(timedOut(e), e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (OpenAIException e) {
            return new CallOutcome.Unavailable<>(false, e.toString());
        }
    }

    /** The provider's own message, without the request's headers (which hold the key). */
    private static String message(OpenAIServiceException e) {
        return e.getMessage() == null ? "status " + e.statusCode() : e.getMessage();
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        clients.values().forEach(OpenAIClient::close);
    }
}
