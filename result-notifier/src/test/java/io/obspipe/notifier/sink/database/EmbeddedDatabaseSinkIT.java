package io.obspipe.notifier.sink.database;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The default database: an H2 file under NOTIFIER_DATA_DIR, no server and no NOTIFIER_DB_URL needed. */
@TestPropertySource(properties = {
        "KAFKA_RESULT_TOPIC=" + EmbeddedDatabaseSinkIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + EmbeddedDatabaseSinkIT.TOPIC + "-tasks",
        "NOTIFIER_GROUP_ID=database-it-EmbeddedDatabaseSinkIT",
        "NOTIFIER_DATA_DIR=./target/it-data/embedded-database-it"})
class EmbeddedDatabaseSinkIT extends DatabaseSinkContract {

    static final String TOPIC = "embedded-database-it-results";
    private static final Path DATA_DIR = Path.of("target/it-data/embedded-database-it");

    @BeforeAll
    static void startWithoutADatabase() throws IOException {
        FileSystemUtils.deleteRecursively(DATA_DIR);
    }

    @Override
    String topicName() {
        return TOPIC;
    }

    @Test
    void theProcessingLogIsAFileInTheDataFolder() {
        assertThat(DATA_DIR.resolve("notifier/processing-log.mv.db")).isRegularFile();
    }

    /** H2's own migration (db/vendor/h2): ids are reserved many at a time, not a store commit per 32 rows. */
    @Test
    void idsAreReservedManyAtATime() {
        assertThat(jdbc.sql("SELECT identity_cache FROM information_schema.columns WHERE table_name = 'PROCESSING_LOG' AND column_name = 'ID'")
                .query(Long.class).single()).isEqualTo(10_000);
    }
}
