package io.obspipe.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * S3Proxy (a real S3-protocol server) on a loopback port, storing buckets as folders under
 * {@code dataDir} (bucket = folder, object = file), with signature checking on. Runs as a child
 * JVM so a test can stop it (object-store outage) and start it again on the same port and data.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String DEFAULT_ACCESS_KEY = "local-access-key";
    public static final String DEFAULT_SECRET_KEY = "local-secret-key";

    private final Path dataDir;
    private final int port;
    private final ChildJvm process;

    private S3ProxyServer(Path dataDir, int port, ChildJvm process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    public static S3ProxyServer start(Path workDir) {
        return start(workDir, Ports.freePort(), DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    public static S3ProxyServer start(Path workDir, int port, String accessKey, String secretKey) {
        try {
            Path dataDir = workDir.resolve("buckets").toAbsolutePath();
            Files.createDirectories(dataDir);
            Path properties = workDir.resolve("s3proxy.properties").toAbsolutePath();
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir,
                    ""));
            Path logConfig = ConfigFiles.copy("s3proxy-logback.xml", workDir.toAbsolutePath());
            ProjectLayout layout = ProjectLayout.locate();
            String classpath = layout.runtimeClasspath("s3proxy-runtime");
            ChildJvm jvm = ChildJvm.mainClass("s3proxy", classpath,
                    "org.gaul.s3proxy.Main", List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                            "-Dlogback.configurationFile=" + logConfig),
                    List.of("--properties", properties.toString()), Map.of(), workDir.resolve("s3proxy.log"))
                    .sharingClassData(classpath, layout.classDataCache("s3proxy-runtime"));
            S3ProxyServer server = new S3ProxyServer(dataDir, port, jvm);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startProcess() {
        process.start();
        if (!Ports.await(Duration.ofSeconds(60), process, () -> Ports.isOpen(port))) {
            process.kill();
            throw new IllegalStateException("S3Proxy did not start on port " + port + ":\n" + process.logTail(30));
        }
    }

    /** Stops the server (an outage); {@link #restart()} brings it back on the same port and data. */
    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }

    public void restart() {
        stop();
        startProcess();
    }

    /**
     * What the AWS CLI (and AWS SDKs from 2025 on) need in the environment to talk to this server: its keys, and
     * checksums only where an operation requires them (S3Proxy answers NotImplemented to the newer default).
     */
    public List<String> awsCliEnvironment() {
        return List.of("AWS_ACCESS_KEY_ID=" + accessKey(), "AWS_SECRET_ACCESS_KEY=" + secretKey(),
                "AWS_REQUEST_CHECKSUM_CALCULATION=when_required", "AWS_RESPONSE_CHECKSUM_VALIDATION=when_required");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return DEFAULT_ACCESS_KEY;
    }

    public String secretKey() {
        return DEFAULT_SECRET_KEY;
    }

    /** The folder that holds the bucket's objects; files put here are objects of that bucket. */
    public Path bucketDir(String bucket) {
        Path dir = dataDir.resolve(bucket);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        stop();
    }
}
