package io.obspipe.localstack.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} endpoint on loopback. It answers in the real wire format
 * (a {@code chat.completion} object, or an {@code error} object with the status a provider uses), behaves per API
 * key as told ({@link KeyBehaviour}: slow, 429 with Retry-After, 401/403, 500 now and then) and records what
 * reached each key ({@link KeyTraffic}) so tests and benchmarks can check the client's limits from the server's side.
 * The answer's content is a small JSON object naming the model and the prompt's length.
 */
public final class ChatCompletionsServer implements AutoCloseable {

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern BEARER = Pattern.compile("(?i)^Bearer\\s+(.+)$");

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, KeyBehaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, KeyTraffic> traffic = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private volatile KeyBehaviour defaultBehaviour;

    private ChatCompletionsServer(int port, KeyBehaviour defaultBehaviour) throws IOException {
        this.defaultBehaviour = defaultBehaviour;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "chat-completions");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on {@code port} (0 = any free port); keys without their own behaviour get {@code defaultBehaviour}. */
    public static ChatCompletionsServer start(int port, KeyBehaviour defaultBehaviour) {
        try {
            return new ChatCompletionsServer(port, defaultBehaviour);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the chat-completions server on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The base URL a client is given, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void behave(String apiKey, KeyBehaviour behaviour) {
        behaviours.put(apiKey, behaviour);
    }

    public void behaveByDefault(KeyBehaviour behaviour) {
        defaultBehaviour = behaviour;
    }

    /** What reached the server with {@code apiKey} (empty if nothing did). */
    public KeyTraffic traffic(String apiKey) {
        return traffic.computeIfAbsent(apiKey, key -> new KeyTraffic());
    }

    /** The most requests the server held at once, over all keys. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int requests() {
        return traffic.values().stream().mapToInt(KeyTraffic::requests).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, error("no such endpoint: " + exchange.getRequestURI().getPath(), "invalid_request_error", null), Map.of());
                return;
            }
            String key = apiKey(exchange);
            KeyTraffic keyTraffic = traffic(key);
            int number = keyTraffic.arrived(arrival);
            int status = 0;
            try {
                status = answer(exchange, key, number, body, arrival, keyTraffic);
            } finally {
                keyTraffic.answered(status, System.nanoTime());
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private int answer(HttpExchange exchange, String key, int number, String body, long arrival, KeyTraffic keyTraffic) throws IOException {
        KeyBehaviour behaviour = behaviours.getOrDefault(key, defaultBehaviour);
        if (behaviour.refusal() != 0) {
            return send(exchange, behaviour.refusal(), error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"), Map.of());
        }
        if (behaviour.rateLimitEvery() > 0 && number % behaviour.rateLimitEvery() == 0) {
            Duration wait = behaviour.retryAfter();
            if (wait == null) {
                return send(exchange, 429, error("Rate limit reached for requests.", "requests", "rate_limit_exceeded"), Map.of());
            }
            keyTraffic.coolingFrom(arrival, wait);
            return send(exchange, 429, error("Rate limit reached for requests.", "requests", "rate_limit_exceeded"), Map.of(
                    "retry-after-ms", Long.toString(wait.toMillis()),
                    "retry-after", Long.toString((wait.toMillis() + 999) / 1000)));
        }
        if (behaviour.serverErrorEvery() > 0 && number % behaviour.serverErrorEvery() == 0) {
            return send(exchange, 500, error("The server had an error while processing your request.", "server_error", null), Map.of());
        }
        sleep(latency(behaviour));
        return send(exchange, 200, completion(model(body), body.length()), Map.of());
    }

    private static String apiKey(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher bearer = BEARER.matcher(header == null ? "" : header.strip());
        return bearer.matches() ? bearer.group(1).strip() : "";
    }

    private static Duration latency(KeyBehaviour behaviour) {
        long min = behaviour.minLatency().toMillis();
        long max = Math.max(min, behaviour.maxLatency().toMillis());
        return Duration.ofMillis(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String model(String body) {
        Matcher model = MODEL.matcher(body);
        return model.find() ? model.group(1) : "unknown";
    }

    private String completion(String model, int promptChars) {
        int promptTokens = Math.max(1, promptChars / 4);
        String content = "{\"summary\":\"a file analysed by " + escape(model) + "\",\"prompt_chars\":" + promptChars + "}";
        int completionTokens = Math.max(1, content.length() / 4);
        return "{\"id\":\"chatcmpl-local-" + ids.incrementAndGet() + "\",\"object\":\"chat.completion\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"model\":\"" + escape(model) + "\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + escape(content) + "\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}";
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + escape(message) + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static int send(HttpExchange exchange, int status, String json, Map<String, String> headers) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * Runs the server until killed: {@code [--port N] [--latency MIN-MAX]} (milliseconds, default 500-1500),
     * every key accepted. ./run-local and the benchmark start it this way.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        Duration min = Duration.ofMillis(500);
        Duration max = Duration.ofMillis(1500);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--latency" -> {
                    String[] range = args[i + 1].split("-", 2);
                    min = Duration.ofMillis(Long.parseLong(range[0].strip()));
                    max = Duration.ofMillis(Long.parseLong(range[range.length - 1].strip()));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --port N or --latency MIN-MAX");
            }
        }
        ChatCompletionsServer server = start(port, KeyBehaviour.ok().latency(min, max));
        System.out.println("chat-completions server on " + server.baseUrl() + " (latency " + min.toMillis() + "-" + max.toMillis() + " ms)");
        Thread.currentThread().join();
    }
}
