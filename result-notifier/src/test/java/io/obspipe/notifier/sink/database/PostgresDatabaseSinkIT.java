package io.obspipe.notifier.sink.database;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production database: the PostgreSQL server of this machine (127.0.0.1:5432, database test, user postgres,
 * trust authentication), in a schema of its own that is dropped afterwards. Skipped when no server answers there.
 */
@EnabledIf(value = "postgresAnswers", disabledReason = "PostgreSQL does not answer at 127.0.0.1:5432 (database test, user postgres): "
        + "start it, e.g. with .ci/ensure-test-services.sh, to run the processing log against PostgreSQL")
@TestPropertySource(properties = {
        "KAFKA_RESULT_TOPIC=" + PostgresDatabaseSinkIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + PostgresDatabaseSinkIT.TOPIC + "-tasks",
        "NOTIFIER_GROUP_ID=database-it-PostgresDatabaseSinkIT",
        "NOTIFIER_DB_USERNAME=" + PostgresDatabaseSinkIT.USER})
class PostgresDatabaseSinkIT extends DatabaseSinkContract {

    static final String TOPIC = "postgres-database-it-results";
    static final String USER = "postgres";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "notifier_it_" + UUID.randomUUID().toString().substring(0, 8);

    static boolean postgresAnswers() {
        return execute("SELECT 1");
    }

    @BeforeAll
    static void createSchema() {
        assertThat(execute("CREATE SCHEMA " + SCHEMA)).as("schema " + SCHEMA + " created").isTrue();
    }

    @AfterAll
    static void dropSchema() {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("NOTIFIER_DB_URL", () -> SERVER + "?currentSchema=" + SCHEMA);
    }

    @Override
    String topicName() {
        return TOPIC;
    }

    private static boolean execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "?connectTimeout=3", USER, "")) {
            connection.createStatement().execute(sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
