package io.obspipe.platform.storage;

import io.obspipe.localstack.S3ProxyServer;
import io.obspipe.model.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OBS SDK adapter over HTTP against a real S3-protocol server (S3Proxy, signatures checked). */
class ObsObjectStoreIT {

    @TempDir
    static Path work;
    static S3ProxyServer s3;
    static ObsObjectStore store;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3ProxyServer.start(work.resolve("s3"));
        store = new ObsObjectStore(properties(s3.accessKey(), s3.secretKey()), 7);
        store.createBucket("source");
        store.createBucket("dest");
        Path bucket = s3.bucketDir("source");
        Files.createDirectories(bucket.resolve("data/nested"));
        for (int i = 0; i < 25; i++) {
            Files.writeString(bucket.resolve("data/file-%02d.csv".formatted(i)), "a,b\n1," + i + "\n");
        }
        Files.writeString(bucket.resolve("data/nested/deep.txt"), "hello");
        Files.writeString(bucket.resolve("other.txt"), "not under the prefix");
    }

    @AfterAll
    static void stop() throws IOException {
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static ObsProperties properties(String accessKey, String secretKey) {
        return new ObsProperties(accessKey, secretKey, s3.endpoint(), "local", true, ObsProperties.AuthType.V2,
                "source", "dest", Duration.ofSeconds(2), Duration.ofSeconds(10), 16, 0);
    }

    @Test
    void listsEveryObjectUnderThePrefixAcrossPagesAndSkipsFolderMarkers() {
        try (Stream<StoredObject> listed = store.list("source", "data/")) {
            List<String> keys = listed.map(StoredObject::key).toList();

            List<String> expected = new java.util.ArrayList<>(IntStream.range(0, 25).mapToObj("data/file-%02d.csv"::formatted).toList());
            expected.add("data/nested/deep.txt");
            assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void listedObjectsCarrySizeAndLastModified() {
        try (Stream<StoredObject> listed = store.list("source", "data/nested/")) {
            StoredObject deep = listed.findFirst().orElseThrow();
            assertThat(deep.size()).isEqualTo(5);
            assertThat(deep.lastModified()).isNotNull();
        }
    }

    @Test
    void uploadsWithLengthAndDownloadsTheSameBytes(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("up.json");
        Files.writeString(source, "{\"ok\":true}");

        store.upload("dest", "out/up.json", source, "application/json");

        assertThat(store.stat("dest", "out/up.json").size()).isEqualTo(11);
        try (InputStream in = store.open("dest", "out/up.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void readsOnlyTheRequestedByteRangeCutAtTheObjectsEnd(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("range.txt");
        Files.writeString(source, "0123456789");
        store.upload("dest", "out/range.txt", source, "text/plain");

        try (InputStream middle = store.open("dest", "out/range.txt", 2, 5);
             InputStream tail = store.open("dest", "out/range.txt", 7, 100)) {
            assertThat(new String(middle.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("2345");
            assertThat(new String(tail.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("789");
        }
    }

    @Test
    void aRangeOfAnEmptyObjectIsEmpty(@TempDir Path tmp) throws IOException {
        Path source = Files.createFile(tmp.resolve("empty.txt"));
        store.upload("dest", "out/empty.txt", source, "text/plain");

        try (InputStream in = store.open("dest", "out/empty.txt", 0, 100)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void missingObjectAndBucketAreClearPermanentErrors() {
        assertThatThrownBy(() -> store.open("source", "data/nope.csv"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("object 'source/data/nope.csv' does not exist");
                });
        assertThatThrownBy(() -> store.stat("no-such-bucket", "a.csv"))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND));
        assertThatThrownBy(() -> store.list("no-such-bucket", "").toList())
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("bucket 'no-such-bucket' does not exist");
                });
        assertThat(store.bucketExists("source")).isTrue();
        assertThat(store.bucketExists("no-such-bucket")).isFalse();
    }

    @Test
    void wrongCredentialsAreAccessDeniedWithoutTheSecretInTheMessage() throws IOException {
        try (ObsObjectStore wrong = new ObsObjectStore(properties(s3.accessKey(), "wrong-secret-value"))) {
            assertThatThrownBy(() -> wrong.list("source", "").toList())
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
                        assertThat(e.getMessage()).contains("OBS_ACCESS_KEY").doesNotContain("wrong-secret-value");
                    });
        }
    }

    @Test
    void refusedCredentialsOnABucketCheckAreOneCleanSentence() throws IOException {
        try (ObsObjectStore wrong = new ObsObjectStore(properties(s3.accessKey(), "wrong-secret-value"))) {
            assertThatThrownBy(() -> wrong.bucketExists("source"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
                        assertThat(e.getMessage()).startsWith("access to bucket 'source' was denied: HTTP 403")
                                .contains("check OBS_ACCESS_KEY / OBS_SECRET_KEY").doesNotContain("null");
                    });
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsTransient() throws IOException {
        ObsProperties unreachable = new ObsProperties("a", "b", "http://127.0.0.1:" + io.obspipe.localstack.Ports.freePort(),
                "local", true, ObsProperties.AuthType.V2, null, null, Duration.ofMillis(500), Duration.ofSeconds(2), 4, 0);
        try (ObsObjectStore down = new ObsObjectStore(unreachable)) {
            assertThatThrownBy(() -> down.stat("source", "a.csv"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).contains("is unavailable");
                    });
        }
    }
}
