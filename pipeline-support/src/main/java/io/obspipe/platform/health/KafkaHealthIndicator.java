package io.obspipe.platform.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Up when the Kafka cluster answers a metadata request within the timeout (for readiness). Its admin client
 * is closed when the app stops, before the web server does: the client's thread is started by a request
 * thread, and a thread still running when the server stops is reported by the server as a leak.
 */
public class KafkaHealthIndicator implements HealthIndicator, SmartLifecycle {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaProperties kafka;
    private final HealthChangeLog changes = new HealthChangeLog(LoggerFactory.getLogger(KafkaHealthIndicator.class), "Kafka");
    private Admin admin;
    private boolean running;
    private boolean stopped;

    public KafkaHealthIndicator(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    @Override
    public Health health() {
        try {
            Admin client = admin();
            if (client == null) {
                return Health.outOfService().withDetail("reason", "the app is stopping").build();
            }
            DescribeClusterResult cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
            int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            changes.up();
            return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            String reason = HealthChangeLog.reason(e, "no answer within " + TIMEOUT.toSeconds() + "s");
            changes.down(reason);
            return Health.down().withDetail("error", reason).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null && !stopped) {
            var props = kafka.buildAdminProperties();
            props.put("client.id", "health-check");
            admin = Admin.create(props);
        }
        return admin;
    }

    @Override
    public synchronized void start() {
        running = true;
        stopped = false;
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopped = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown and the server itself (lower phases). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
