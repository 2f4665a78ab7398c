package io.obspipe.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) run as a child JVM on
 * loopback ports, its data and logs under a work folder. Storage is formatted only when the folder
 * holds no cluster yet, so a second start on the same folder keeps the topics and records.
 * {@link #stop()}, {@link #kill()} and {@link #restart()} let a test cause a broker outage.
 */
public final class KafkaBroker implements AutoCloseable {

    // generous for a heavily loaded machine: a broker that dies is noticed at once, only a hung one uses it all
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    // a smaller heap saved little resident memory when tried, so the broker keeps the headroom
    private static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-Djava.awt.headless=true");
    private static final String COORDINATOR_PROBE = "local-stack-coordinator-probe";
    private static final int COORDINATOR_TIMEOUT_MS = 30_000;

    private final KafkaBrokerConfig config;
    private final ChildJvm process;

    private KafkaBroker(KafkaBrokerConfig config, ChildJvm process) {
        this.config = config;
        this.process = process;
    }

    public static KafkaBroker start(Path workDir) {
        return start(workDir, KafkaBrokerConfig.onFreePorts(dataDir(workDir)));
    }

    /** A broker with an extra SASL_PLAINTEXT listener (mechanism PLAIN) that accepts only this user. */
    public static KafkaBroker startWithSaslPlain(Path workDir, String user, String password) {
        return start(workDir, KafkaBrokerConfig.onFreePorts(dataDir(workDir)).withSaslPlain(user, password));
    }

    /**
     * A broker with the SASL_PLAINTEXT listener of {@link #startWithSaslPlain} and TLS listeners: SSL, which
     * requires a client certificate that {@code trustStore} holds, and SASL_SSL for the same SASL user. The
     * broker's certificate is the key entry of {@code keyStore}; both stores open with {@code storePassword}.
     */
    public static KafkaBroker startWithTls(Path workDir, String user, String password, Path keyStore, Path trustStore,
                                           String storePassword) {
        return start(workDir, KafkaBrokerConfig.onFreePorts(dataDir(workDir)).withSaslPlain(user, password)
                .withTls(keyStore, trustStore, storePassword));
    }

    private static Path dataDir(Path workDir) {
        return workDir.toAbsolutePath().resolve("data");
    }

    private static KafkaBroker start(Path workDir, KafkaBrokerConfig config) {
        Path dir = workDir.toAbsolutePath();
        Path serverProperties = dir.resolve("server.properties");
        Path logFile = dir.resolve("kafka.log");
        try {
            Files.createDirectories(config.dataDir());
            Files.writeString(serverProperties, config.serverProperties());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's configuration into " + dir, e);
        }
        Path logConfig = ConfigFiles.copy("kafka-log4j2.properties", dir);
        ProjectLayout layout = ProjectLayout.locate();
        String classpath = layout.runtimeClasspath("kafka-runtime");
        List<String> jvmOptions = new ArrayList<>(JVM_OPTIONS);
        jvmOptions.add("-Dlog4j2.configurationFile=" + logConfig);
        if (!Files.exists(config.dataDir().resolve("meta.properties"))) {
            format(classpath, jvmOptions, serverProperties, logFile);
        }
        KafkaBroker broker = new KafkaBroker(config, ChildJvm.mainClass("kafka", classpath, "kafka.Kafka", jvmOptions,
                List.of(serverProperties.toString()), Map.of(), logFile).sharingClassData(classpath, layout.classDataCache("kafka-runtime")));
        broker.startProcess();
        return broker;
    }

    private static void format(String classpath, List<String> jvmOptions, Path serverProperties, Path logFile) {
        ChildJvm storageTool = ChildJvm.mainClass("kafka-storage-format", classpath, "kafka.tools.StorageTool", jvmOptions,
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", serverProperties.toString()), Map.of(), logFile);
        int exitCode = storageTool.start().waitForExit(START_TIMEOUT);
        if (exitCode != 0) {
            storageTool.kill();
            throw new IllegalStateException("formatting the Kafka storage failed (exit " + exitCode + "):\n" + storageTool.logTail(30));
        }
    }

    private void startProcess() {
        process.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        // the client connects as soon as it is created: waiting for the port first spares refused-connection warnings
        boolean ready = Ports.await(START_TIMEOUT, process, () -> Ports.isOpen(config.brokerPort()));
        if (ready) {
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                ready = Ports.await(Duration.ofNanos(deadline - System.nanoTime()), process, () -> answers(admin));
                if (ready) {
                    loadCoordinators(admin);
                }
            }
        }
        if (!ready) {
            process.kill();
            throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers() + ":\n" + process.logTail(40));
        }
    }

    /**
     * A new broker creates its consumer-offsets and transaction-state topics when a client first looks for a group's
     * or a transaction's coordinator, and answers "not the coordinator" until they are loaded: the first app to join a
     * group or start a transaction would wait for that, retrying. Looking both up here makes the broker as ready as a
     * long-running one. Best effort: if it fails, the first app only waits as it would have.
     */
    private static void loadCoordinators(Admin admin) {
        DescribeConsumerGroupsOptions groupOptions = new DescribeConsumerGroupsOptions().timeoutMs(COORDINATOR_TIMEOUT_MS);
        DescribeTransactionsOptions transactionOptions = new DescribeTransactionsOptions().timeoutMs(COORDINATOR_TIMEOUT_MS);
        // both asked at once: the broker creates and loads the two topics side by side
        KafkaFuture<?> group = admin.describeConsumerGroups(List.of(COORDINATOR_PROBE), groupOptions).all();
        KafkaFuture<?> transaction = admin.describeTransactions(List.of(COORDINATOR_PROBE), transactionOptions).all();
        awaitAnswer(group);
        awaitAnswer(transaction);
    }

    /** Any answer of the coordinator will do, an error for the unknown probe id included. */
    private static void awaitAnswer(KafkaFuture<?> answer) {
        try {
            answer.get(COORDINATOR_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the coordinator answered with an error, or not in time: the first app's lookup waits as it would have
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** The SASL_PLAINTEXT listener's address; only for a broker from {@link #startWithSaslPlain}. */
    public String saslBootstrapServers() {
        if (config.sasl() == null) {
            throw new IllegalStateException("this broker has no SASL listener: start it with startWithSaslPlain");
        }
        return "127.0.0.1:" + config.sasl().port();
    }

    /** The SSL listener's address (client certificate required); only for a broker from {@link #startWithTls}. */
    public String sslBootstrapServers() {
        return "127.0.0.1:" + tls().sslPort();
    }

    /** The SASL_SSL listener's address; only for a broker from {@link #startWithTls}. */
    public String saslSslBootstrapServers() {
        return "127.0.0.1:" + tls().saslSslPort();
    }

    private KafkaBrokerConfig.Tls tls() {
        if (config.tls() == null) {
            throw new IllegalStateException("this broker has no TLS listeners: start it with startWithTls");
        }
        return config.tls();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** SIGTERM: a controlled shutdown, as in an orderly maintenance stop. */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** {@code kill -9}: a crash, no controlled shutdown. */
    public void kill() {
        process.kill();
    }

    /** Stops the broker and starts it again on the same ports and data. */
    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
    }
}
