package io.obspipe.localstack;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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

    /** The command the banner prints, run with the AWS CLI where it is installed (CI has it). */
    @Test
    void theAwsCliUploadsWithTheEnvironmentTheBannerPrints() throws Exception {
        Assumptions.assumeTrue(onPath("aws"), "the AWS CLI is not installed");
        try (S3ProxyServer s3 = S3ProxyServer.start(workDir.resolve("s3"))) {
            s3.bucketDir("input-files");
            Path file = Files.writeString(workDir.resolve("my-data.csv"), "a,b\n1,2\n");
            ProcessBuilder aws = new ProcessBuilder("aws", "--endpoint-url", s3.endpoint(), "s3", "cp", file.toString(),
                    "s3://input-files/samples/my-data.csv").redirectErrorStream(true);
            aws.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            s3.awsCliEnvironment().forEach(variable -> aws.environment().put(variable.substring(0, variable.indexOf('=')),
                    variable.substring(variable.indexOf('=') + 1)));
            Process process = aws.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(s3.bucketDir("input-files").resolve("samples/my-data.csv")).hasContent("a,b\n1,2");
        }
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static int unsignedListBuckets(S3ProxyServer s3) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(s3.endpoint() + "/")).timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
