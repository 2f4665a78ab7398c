package io.obspipe.notifier.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.obspipe.model.MessageCodec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a loopback port that takes webhook posts on any path, answers 200 unless told
 * otherwise (per path and task, or all 500 until a given time), and records every request with its answer.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();
    private volatile Instant downUntil = Instant.MIN;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the given statuses to the next requests for the task at the path, then 200 again. */
    public void answer(String path, String taskId, Integer... statuses) {
        scripted.put(path + " " + taskId, new ArrayDeque<>(List.of(statuses)));
    }

    /** Answers this status to every request for the task at the path. */
    public void answerAlways(String path, String taskId, int status) {
        always.put(path + " " + taskId, status);
    }

    /** Answers 500 to everything until then. */
    public void downUntil(Instant until) {
        downUntil = until;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsFor(String path, String taskId) {
        return requests.stream().filter(request -> request.path().equals(path) && taskId.equals(request.taskId())).toList();
    }

    /** Task ids of the requests to the path that were answered 2xx, in arrival order. */
    public List<String> deliveredTo(String path) {
        return requests.stream().filter(request -> request.path().equals(path) && request.status() == 200).map(Request::taskId).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String taskId = MessageCodec.decodeResult(body).taskId();
            String path = exchange.getRequestURI().getPath();
            int status = status(path, taskId, at);
            requests.add(new Request(at, exchange.getRequestMethod(), path, taskId, Map.copyOf(exchange.getRequestHeaders().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(header -> header.getKey().toLowerCase(java.util.Locale.ROOT),
                            header -> header.getValue().get(0)))), body, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private int status(String path, String taskId, Instant at) {
        if (at.isBefore(downUntil)) {
            return 500;
        }
        Integer fixed = always.get(path + " " + taskId);
        if (fixed != null) {
            return fixed;
        }
        Deque<Integer> next = scripted.get(path + " " + taskId);
        Integer status = next == null ? null : next.poll();
        return status == null ? 200 : status;
    }

    /** @param headers lower-case names */
    public record Request(Instant at, String method, String path, String taskId, Map<String, String> headers, byte[] body, int status) {
    }
}
