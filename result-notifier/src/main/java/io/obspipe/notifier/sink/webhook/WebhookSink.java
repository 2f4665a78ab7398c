package io.obspipe.notifier.sink.webhook;

import io.obspipe.model.MessageCodec;
import io.obspipe.model.ProcessingResult;
import io.obspipe.notifier.sink.PermanentDeliveryException;
import io.obspipe.notifier.sink.ResultFields;
import io.obspipe.notifier.sink.ResultSink;
import io.obspipe.notifier.sink.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * POSTs each wanted result, as the JSON of the results topic, to one URL. Headers: {@code X-Obspipe-Event: result},
 * {@code X-Obspipe-Delivery: <task id>} (the same on every attempt, for receivers that deduplicate) and, with a
 * secret, {@link WebhookSignature#HEADER}. A 2xx answer delivers; 408, 429, 5xx and connection failures are
 * retried; any other answer is given up on at once. Logs name only the URL's scheme, host and port: its path or
 * query may hold a token.
 */
final class WebhookSink implements ResultSink {

    private static final String DELIVERY_HEADER = "X-Obspipe-Delivery";
    private static final String USER_AGENT = "obs-pipeline-result-notifier";

    private final String name;
    private final URI url;
    private final String endpoint;
    private final WebhookProperties properties;
    private final WebhookSignature signature;
    private final HttpClient http;

    WebhookSink(String name, URI url, WebhookProperties properties, HttpClient http) {
        this.name = name;
        this.url = url;
        this.endpoint = endpoint(url);
        this.properties = properties;
        this.signature = properties.signed() ? new WebhookSignature(properties.secret()) : null;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public boolean accepts(ProcessingResult result) {
        return properties.statuses().contains(result.status())
                && Objects.requireNonNullElse(ResultFields.sourceKey(result), "").startsWith(properties.prefix());
    }

    @Override
    public void deliver(ProcessingResult result) throws IOException, InterruptedException, PermanentDeliveryException {
        byte[] body = MessageCodec.encode(result);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-Obspipe-Event", "result")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (result.taskId() != null) {
            request.header(DELIVERY_HEADER, result.taskId());
        }
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature.sign(body));
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String answer = "HTTP " + status + " from " + endpoint;
        if (status == 408 || status == 429 || status >= 500) {
            throw new IOException(answer);
        }
        throw new PermanentDeliveryException(answer);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return properties.retry();
    }

    private static String endpoint(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
