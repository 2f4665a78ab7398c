package io.obspipe.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code server.properties} of a one-node KRaft cluster (broker and controller in one process)
 * listening on loopback only, optionally with a SASL_PLAINTEXT listener using the PLAIN mechanism,
 * and with TLS: an SSL listener that requires a client certificate and a SASL_SSL one.
 */
record KafkaBrokerConfig(int brokerPort, int controllerPort, Path dataDir, SaslPlain sasl, Tls tls) {

    private static final String HOST = "127.0.0.1";

    /** A SASL_PLAINTEXT listener with PLAIN, accepting exactly one user. */
    record SaslPlain(int port, String user, String password) {

        SaslPlain {
            for (String value : List.of(user, password)) {
                if (value.isEmpty() || value.contains("\"") || value.contains("\\")) {
                    throw new IllegalArgumentException("SASL user and password must be non-empty, without quotes or backslashes");
                }
            }
        }

        String jaasConfig() {
            return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                    + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";";
        }
    }

    /**
     * TLS listeners: the broker's certificate is the key entry of {@code keyStore}; on the SSL listener a
     * client must present a certificate that {@code trustStore} holds (mutual TLS), on the SASL_SSL one
     * it authenticates with SASL instead. Both stores are opened with {@code password}.
     */
    record Tls(int sslPort, int saslSslPort, Path keyStore, Path trustStore, String password) {
    }

    static KafkaBrokerConfig onFreePorts(Path dataDir) {
        return new KafkaBrokerConfig(Ports.freePort(), Ports.freePort(), dataDir, null, null);
    }

    KafkaBrokerConfig withSaslPlain(String user, String password) {
        return new KafkaBrokerConfig(brokerPort, controllerPort, dataDir, new SaslPlain(Ports.freePort(), user, password), tls);
    }

    /** Adds the SSL and SASL_SSL listeners; the SASL user is the one of {@link #withSaslPlain}. */
    KafkaBrokerConfig withTls(Path keyStore, Path trustStore, String password) {
        if (sasl == null) {
            throw new IllegalStateException("the SASL_SSL listener needs the SASL user: call withSaslPlain first");
        }
        return new KafkaBrokerConfig(brokerPort, controllerPort, dataDir, sasl,
                new Tls(Ports.freePort(), Ports.freePort(), keyStore.toAbsolutePath(), trustStore.toAbsolutePath(), password));
    }

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /**
     * The offsets and transaction-state topics get one partition each: Kafka's defaults are sized to spread
     * coordinators over a cluster, and creating and loading that many partitions took seconds of every new one-node
     * broker's start. A broker that restarts on data of an earlier version keeps the partition count its topics have.
     */
    String serverProperties() {
        List<String> listeners = new ArrayList<>(List.of("PLAINTEXT://" + HOST + ":" + brokerPort));
        List<String> advertised = new ArrayList<>(listeners);
        listeners.add("CONTROLLER://" + HOST + ":" + controllerPort);
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=6",
                "group.initial.rebalance.delay.ms=0",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.num.partitions=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1"));
        if (sasl != null) {
            String saslListener = "SASL_PLAINTEXT://" + HOST + ":" + sasl.port();
            listeners.add(saslListener);
            advertised.add(saslListener);
            protocols += ",SASL_PLAINTEXT:SASL_PLAINTEXT";
            lines.add("sasl.enabled.mechanisms=PLAIN");
            lines.add("listener.name.sasl_plaintext.plain.sasl.jaas.config=" + sasl.jaasConfig());
        }
        if (tls != null) {
            for (String listener : List.of("SSL://" + HOST + ":" + tls.sslPort(), "SASL_SSL://" + HOST + ":" + tls.saslSslPort())) {
                listeners.add(listener);
                advertised.add(listener);
            }
            protocols += ",SSL:SSL,SASL_SSL:SASL_SSL";
            lines.add("ssl.keystore.location=" + tls.keyStore());
            lines.add("ssl.keystore.password=" + tls.password());
            lines.add("ssl.truststore.location=" + tls.trustStore());
            lines.add("ssl.truststore.password=" + tls.password());
            lines.add("listener.name.ssl.ssl.client.auth=required");
            lines.add("listener.name.sasl_ssl.plain.sasl.jaas.config=" + sasl.jaasConfig());
        }
        lines.add("listeners=" + String.join(",", listeners));
        lines.add("advertised.listeners=" + String.join(",", advertised));
        lines.add("listener.security.protocol.map=" + protocols);
        return String.join("\n", lines) + "\n";
    }
}
