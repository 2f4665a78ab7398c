package io.obspipe.platform.kafka;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed-002 class of mistakes, caught before any client is created: a value the client would refuse
 * (checked against the client's own definitions), a property the Java client does not know (or one that
 * belongs to another client), an idempotent producer without acks=all, and a session timeout that is not
 * larger than the heartbeat interval.
 */
public final class KafkaClientSettingsCheck {

    private static final Set<String> CONSUMER = ConsumerConfig.configNames();
    private static final Set<String> PRODUCER = ProducerConfig.configNames();
    private static final Set<String> ADMIN = AdminClientConfig.configNames();
    private static final Pattern LISTED = Pattern.compile("\\[([^\\]]+)]");

    private final Set<String> allowedExtra;

    public KafkaClientSettingsCheck(Collection<String> allowedExtra) {
        this.allowedExtra = Set.copyOf(allowedExtra);
    }

    /** Throws {@link PipelineConfigurationException} with one sentence for the first problem found. */
    public void check(KafkaProperties kafka) {
        check(kafka, setting -> Optional.empty());
    }

    /**
     * As {@link #check(KafkaProperties)}; a value the client would refuse is named by the environment variable
     * that {@code variableOf} finds for the client setting (e.g. KAFKA_SESSION_TIMEOUT_MS for session.timeout.ms).
     */
    public void check(KafkaProperties kafka, Function<String, Optional<String>> variableOf) {
        checkValues(kafka.buildConsumerProperties(), ConsumerConfig.configDef(), variableOf);
        checkValues(kafka.buildProducerProperties(), ProducerConfig.configDef(), variableOf);
        checkValues(kafka.buildAdminProperties(), AdminClientConfig.configDef(), variableOf);
        checkNames(kafka.getConsumer().getProperties(), "consumer", CONSUMER, "spring.kafka.consumer.properties");
        checkNames(kafka.getProducer().getProperties(), "producer", PRODUCER, "spring.kafka.producer.properties");
        checkNames(kafka.getAdmin().getProperties(), "admin", ADMIN, "spring.kafka.admin.properties");
        Set<String> anyClient = new HashSet<>(CONSUMER);
        anyClient.addAll(PRODUCER);
        anyClient.addAll(ADMIN);
        checkNames(kafka.getProperties(), "client", anyClient, "spring.kafka.properties");
        checkIdempotence(kafka.buildProducerProperties());
        checkTimeouts(kafka.buildConsumerProperties());
    }

    private void checkNames(Map<String, String> properties, String client, Set<String> known, String where) {
        for (String name : properties.keySet()) {
            if (known.contains(name) || allowedExtra.contains(name) || name.startsWith("spring.")) {
                continue;
            }
            String owner = CONSUMER.contains(name) ? "consumer" : PRODUCER.contains(name) ? "producer"
                    : ADMIN.contains(name) ? "admin" : null;
            throw new PipelineConfigurationException(owner == null
                    ? "'" + name + "' (in " + where + ") is not a setting of the Java Kafka " + client
                    + ": remove it, fix its spelling, or list it in pipeline.kafka.allowed-extra-properties"
                    : "'" + name + "' (in " + where + ") is a " + owner + " setting and has no effect on the "
                    + client + ": move it to the " + owner + " settings");
        }
    }

    private static void checkValues(Map<String, Object> properties, ConfigDef definition, Function<String, Optional<String>> variableOf) {
        Map<String, ConfigDef.ConfigKey> keys = definition.configKeys();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            ConfigDef.ConfigKey key = keys.get(property.getKey());
            if (key == null || property.getValue() == null) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(key.name, property.getValue(), key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(key.name, parsed);
                }
            } catch (ConfigException e) {
                String named = variableOf.apply(key.name).orElse("Kafka setting " + key.name);
                throw new PipelineConfigurationException(named + " " + expectation(key) + " (got \"" + property.getValue() + "\")", e);
            }
        }
    }

    private static String expectation(ConfigDef.ConfigKey key) {
        return switch (key.type) {
            case INT, LONG, SHORT -> "must be a whole number";
            case DOUBLE -> "must be a number";
            case BOOLEAN -> "must be true or false";
            default -> {
                Matcher listed = LISTED.matcher(String.valueOf(key.validator));
                yield listed.find() ? "must be one of " + listed.group(1) : "is not a valid value for " + key.name;
            }
        };
    }

    private static void checkIdempotence(Map<String, Object> producer) {
        boolean idempotent = Boolean.parseBoolean(String.valueOf(producer.getOrDefault(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")));
        String acks = String.valueOf(producer.getOrDefault(ProducerConfig.ACKS_CONFIG, "all"));
        if (idempotent && !("all".equalsIgnoreCase(acks) || "-1".equals(acks))) {
            throw new PipelineConfigurationException("the producer is idempotent (enable.idempotence=true) but acks=" + acks
                    + ": idempotence needs acks=all; set acks to all");
        }
    }

    private static void checkTimeouts(Map<String, Object> consumer) {
        long session = longValue(consumer, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000);
        long heartbeat = longValue(consumer, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        if (session <= heartbeat) {
            throw new PipelineConfigurationException("KAFKA_SESSION_TIMEOUT_MS (" + session
                    + ") must be larger than KAFKA_HEARTBEAT_INTERVAL_MS (" + heartbeat + "), ideally at least three times larger");
        }
        long maxPollRecords = longValue(consumer, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        if (maxPollRecords < 1) {
            throw new PipelineConfigurationException("KAFKA_MAX_POLL_RECORDS must be at least 1, got " + maxPollRecords);
        }
    }

    private static long longValue(Map<String, Object> properties, String name, long defaultValue) {
        Object value = properties.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new PipelineConfigurationException("Kafka setting " + name + " must be a whole number, got '" + value + "'");
        }
    }
}
