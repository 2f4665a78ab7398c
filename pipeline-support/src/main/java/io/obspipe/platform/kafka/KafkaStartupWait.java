package io.obspipe.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Waits for the broker at startup, up to KAFKA_STARTUP_TIMEOUT from the moment it says so in one line, before
 * Spring's KafkaAdmin creates the topics (it runs first: its auto-configuration is ordered before Boot's). The
 * client's per-attempt "could not be established" warnings are held back during the wait only; a broker lost
 * later is reported as usual. A broker that does not answer, or refuses the credentials, fails startup and
 * {@link KafkaUnreachableFailureAnalyzer} prints the sentence.
 */
class KafkaStartupWait implements SmartInitializingSingleton {

    static final String CLIENT_LOGGER = "org.apache.kafka.clients.NetworkClient";

    private static final Logger log = LoggerFactory.getLogger(KafkaStartupWait.class);

    private final LoggingSystem logging;
    private final Map<String, Object> adminProperties;
    private final Duration timeout;

    KafkaStartupWait(LoggingSystem logging, Map<String, Object> adminProperties, Duration timeout) {
        this.logging = logging;
        this.adminProperties = adminProperties;
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object configured = adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        String servers = configured instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(configured);
        log.atInfo().addKeyValue("bootstrap_servers", servers)
                .log("waiting up to {} for Kafka at {} (KAFKA_BOOTSTRAP_SERVERS, KAFKA_STARTUP_TIMEOUT)", readable(timeout), servers);
        LoggerConfiguration before = logging.getLoggerConfiguration(CLIENT_LOGGER);
        logging.setLogLevel(CLIENT_LOGGER, LogLevel.ERROR);
        Admin admin = null;
        try {
            admin = Admin.create(adminProperties);
            int remaining = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(remaining)).clusterId().get(remaining, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka startup check failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            logging.setLogLevel(CLIENT_LOGGER, before == null ? null : before.getConfiguredLevel());
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
