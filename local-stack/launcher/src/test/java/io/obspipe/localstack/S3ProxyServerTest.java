package io.obspipe.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class S3ProxyServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workDir;

    @Test
    void refusesUnsignedRequestsAndComesBackOnTheSamePortAfterRestart() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(workDir)) {
            assertThat(Ports.isOpen(s3.port())).isTrue();
            assertThat(unsignedListBuckets(s3)).isEqualTo(403);
            assertThat(s3.bucketDir("b")).isDirectory().isEqualTo(s3.dataDir().resolve("b"));

            int portBefore = s3.port();
            s3.restart();

            assertThat(s3.port()).isEqualTo(portBefore);
            assertThat(unsignedListBuckets(s3)).isEqualTo(403);
        }
    }

    private static int unsignedListBuckets(S3ProxyServer s3) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(s3.endpoint() + "/")).timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
