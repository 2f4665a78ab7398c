package io.obspipe.analysis.analyze;

import io.obspipe.model.MessageCodec;
import io.obspipe.model.ObjectLocation;
import io.obspipe.platform.storage.ObjectStore;
import io.obspipe.platform.storage.StorageException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * Reads what a prompt needs from object storage (the result document, a bounded excerpt of the source) and writes
 * the result document back with its analysis. Storage outages are retried a few times before they count.
 */
final class AnalysisInputs {

    private static final String GZIP = ".gz";

    private final ObjectStore store;
    private final RetryTemplate retries;

    AnalysisInputs(ObjectStore store, Duration retryDelay) {
        this.store = store;
        this.retries = new RetryTemplate(RetryPolicy.builder().maxRetries(3).delay(retryDelay).multiplier(2.0)
                .predicate(error -> error instanceof StorageException storage && storage.isTransient()).build());
    }

    /** The bounded start of the file, decompressed when the key ends in .gz. */
    record Excerpt(String text, boolean cut) {
    }

    ObjectNode document(ObjectLocation location) {
        return retries.invoke(() -> {
            try (InputStream in = store.open(location.bucket(), location.key())) {
                JsonNode node = MessageCodec.mapper().readTree(in);
                if (!(node instanceof ObjectNode document)) {
                    throw new IllegalArgumentException("the result document " + where(location) + " is not a JSON object");
                }
                return document;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the result document " + where(location) + ": " + e.getMessage(), e);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("the result document " + where(location) + " is not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
        });
    }

    /**
     * A plain file is read with a range GET of one byte more than the excerpt (to tell whether it is cut); a .gz file
     * from its start until enough is decompressed.
     */
    Excerpt excerpt(ObjectLocation source, Charset charset, int maxBytes) {
        boolean gzip = source.key().regionMatches(true, source.key().length() - GZIP.length(), GZIP, 0, GZIP.length());
        return retries.invoke(() -> {
            try (InputStream raw = gzip ? store.open(source.bucket(), source.key()) : store.open(source.bucket(), source.key(), 0, maxBytes);
                 InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                boolean cut = bytes.length > maxBytes;
                return new Excerpt(decode(bytes, cut ? maxBytes : bytes.length, charset), cut);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the file " + where(source) + ": " + e.getMessage(), e);
            }
        });
    }

    void rewrite(ObjectLocation location, ObjectNode document) {
        retries.invoke(() -> {
            Path file = null;
            try {
                file = Files.createTempFile("analysed-", ".json");
                MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
                store.upload(location.bucket(), location.key(), file, "application/json");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite the result document " + where(location) + ": " + e.getMessage(), e);
            } finally {
                if (file != null) {
                    file.toFile().delete();
                }
            }
        });
    }

    /** Decodes leniently: a multi-byte character cut at the end, or bytes not of the charset, become U+FFFD. */
    private static String decode(byte[] bytes, int length, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }

    private static String where(ObjectLocation location) {
        return "'" + location.bucket() + "/" + location.key() + "'";
    }
}
