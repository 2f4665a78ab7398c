package io.obspipe.worker.task;

import io.obspipe.model.ErrorCode;
import io.obspipe.platform.storage.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class StreamingDownloadTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void theProcessorAndTheFileGetEveryByteOfALargeObject() throws IOException {
        byte[] object = randomBytes(5_000_000); // many chunks, more than fit between the threads
        Path file = tmp.resolve("download");

        try (StreamingDownload download = StreamingDownload.start(new ByteArrayInputStream(object), file, object.length, "b/k", executor)) {
            assertThat(download.content().readAllBytes()).isEqualTo(object);
            download.finish();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(object);
    }

    @Test
    void finishTakesWhatTheProcessorLeftSoTheFileIsComplete() throws IOException {
        byte[] object = randomBytes(3_000_000);
        Path file = tmp.resolve("download");

        try (StreamingDownload download = StreamingDownload.start(new ByteArrayInputStream(object), file, object.length, "b/k", executor)) {
            assertThat(download.content().readNBytes(1000)).hasSize(1000);
            download.finish();
        }
        assertThat(Files.size(file)).isEqualTo(object.length);
    }

    @Test
    void aBrokenConnectionIsATransientStorageFailureThatOutranksTheProcessorsView() {
        InputStream breaksAfterTwoMegabytes = new SequenceInputStream(new ByteArrayInputStream(randomBytes(2_000_000)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        try (StreamingDownload download = StreamingDownload.start(breaksAfterTwoMegabytes, tmp.resolve("download"), 5_000_000, "b/k", executor)) {
            assertThatThrownBy(() -> download.content().readAllBytes()).isInstanceOf(IOException.class);
            assertThatThrownBy(download::throwIfFailed).isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).isEqualTo("download of b/k was interrupted: connection reset");
            });
        }
    }

    @Test
    void aProcessorThatGivesUpEarlyDoesNotWaitForTheRestOfTheObject() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                return length;
            }
        };

        try (StreamingDownload download = StreamingDownload.start(endless, tmp.resolve("download"), Long.MAX_VALUE, "b/k", executor)) {
            assertThat(download.content().readNBytes(10)).hasSize(10);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // closing returned (the @Timeout would fail otherwise): the receiving thread left the file
    }

    @Test
    void aFileThatCannotBeWrittenIsALocalTransientFailure() {
        Path notADirectory = tmp.resolve("missing-dir/download");

        try (StreamingDownload download = StreamingDownload.start(new ByteArrayInputStream(randomBytes(10)), notADirectory, 10, "b/k", executor)) {
            assertThatThrownBy(() -> download.content().readAllBytes()).isInstanceOf(IOException.class);
            assertThatThrownBy(download::throwIfFailed).isInstanceOfSatisfying(TransientTaskException.class,
                    e -> assertThat(e.getMessage()).startsWith("cannot write the download file of b/k: "));
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
