package io.obspipe.platform.storage;

import com.obs.services.ObsClient;
import com.obs.services.ObsConfiguration;
import com.obs.services.exception.ObsException;
import com.obs.services.model.AuthTypeEnum;
import com.obs.services.model.GetObjectRequest;
import com.obs.services.model.ListObjectsRequest;
import com.obs.services.model.ObjectListing;
import com.obs.services.model.ObjectMetadata;
import com.obs.services.model.ObsObject;
import com.obs.services.model.PutObjectRequest;
import io.obspipe.model.ErrorCode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** {@link ObjectStore} on Huawei Cloud's OBS SDK ({@code esdk-obs-java}); works with S3-compatible servers too. */
public class ObsObjectStore implements ObjectStore, AutoCloseable {

    static final int PAGE_SIZE = 1000;
    /** Answers a range GET that starts at or past the object's end, as on an empty object. */
    private static final int RANGE_NOT_SATISFIABLE = 416;
    private static final Pattern SDK_PLACEHOLDER = Pattern.compile("(?:\\S+\\s+)?Request Error\\.?");

    private final ObsClient client;
    private final String endpoint;
    private final int pageSize;

    public ObsObjectStore(ObsProperties properties) {
        this(properties, PAGE_SIZE);
    }

    ObsObjectStore(ObsProperties properties, int pageSize) {
        ObsConfiguration config = new ObsConfiguration();
        config.setEndPoint(properties.server());
        config.setPathStyle(properties.pathStyle());
        config.setAuthType(AuthTypeEnum.valueOf(properties.authType().name()));
        config.setAuthTypeNegotiation(false);
        config.setConnectionTimeout(Math.toIntExact(properties.connectTimeout().toMillis()));
        config.setSocketTimeout(Math.toIntExact(properties.socketTimeout().toMillis()));
        config.setMaxConnections(properties.maxConnections());
        config.setMaxErrorRetry(properties.maxErrorRetry());
        this.client = new ObsClient(nullToEmpty(properties.accessKey()), nullToEmpty(properties.secretKey()), config);
        this.endpoint = properties.server();
        this.pageSize = pageSize;
    }

    @Override
    public Stream<StoredObject> list(String bucket, String prefix, String startAfter) {
        Iterator<StoredObject> pages = new PagedListing(bucket, prefix == null ? "" : prefix, startAfter);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public List<String> commonPrefixes(String bucket, String prefix, String delimiter) {
        List<String> prefixes = new ArrayList<>();
        String marker = null;
        try {
            while (true) {
                ListObjectsRequest request = new ListObjectsRequest(bucket);
                request.setPrefix(prefix == null ? "" : prefix);
                request.setDelimiter(delimiter);
                request.setMaxKeys(pageSize);
                request.setMarker(marker);
                ObjectListing listing = client.listObjects(request);
                prefixes.addAll(listing.getCommonPrefixes());
                String next = listing.getNextMarker();
                if (!listing.isTruncated() || next == null || next.isEmpty() || next.equals(marker)) {
                    return prefixes;
                }
                marker = next;
            }
        } catch (ObsException e) {
            throw translate(e, bucket, null);
        }
    }

    @Override
    public StoredObject stat(String bucket, String key) {
        try {
            ObjectMetadata metadata = client.getObjectMetadata(bucket, key);
            return new StoredObject(bucket, key, orZero(metadata.getContentLength()), unquote(metadata.getEtag()),
                    toInstant(metadata.getLastModified()));
        } catch (ObsException e) {
            throw translate(e, bucket, key);
        }
    }

    @Override
    public InputStream open(String bucket, String key) {
        return open(new GetObjectRequest(bucket, key), bucket, key);
    }

    @Override
    public InputStream open(String bucket, String key, long startInclusive, long endInclusive) {
        if (startInclusive < 0 || endInclusive < startInclusive) {
            throw new IllegalArgumentException("invalid byte range " + startInclusive + "-" + endInclusive);
        }
        GetObjectRequest request = new GetObjectRequest(bucket, key);
        request.setRangeStart(startInclusive);
        request.setRangeEnd(endInclusive);
        return open(request, bucket, key);
    }

    private InputStream open(GetObjectRequest request, String bucket, String key) {
        try {
            ObsObject object = client.getObject(request);
            return new FilterInputStream(object.getObjectContent()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (IOException e) {
                        throw new IOException("reading " + bucket + "/" + key + " from " + endpoint + " failed: " + e.getMessage(), e);
                    }
                }
            };
        } catch (ObsException e) {
            if (e.getResponseCode() == RANGE_NOT_SATISFIABLE) {
                return InputStream.nullInputStream();
            }
            throw translate(e, bucket, key);
        }
    }

    @Override
    public void upload(String bucket, String key, Path source, String contentType) {
        try {
            PutObjectRequest request = new PutObjectRequest(bucket, key, source.toFile());
            ObjectMetadata metadata = new ObjectMetadata();
            metadata.setContentType(contentType);
            metadata.setContentLength(Files.size(source));
            request.setMetadata(metadata);
            client.putObject(request);
        } catch (ObsException e) {
            throw translate(e, bucket, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload file " + source, e);
        }
    }

    @Override
    public boolean bucketExists(String bucket) {
        try {
            return client.headBucket(bucket);
        } catch (ObsException e) {
            throw translate(e, bucket, null);
        }
    }

    @Override
    public void createBucket(String bucket) {
        try {
            client.createBucket(bucket);
        } catch (ObsException e) {
            if (!"BucketAlreadyOwnedByYou".equals(e.getErrorCode())) {
                throw translate(e, bucket, null);
            }
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private StorageException translate(ObsException e, String bucket, String key) {
        String what = key == null ? "bucket '" + bucket + "'" : "object '" + bucket + "/" + key + "'";
        int status = e.getResponseCode();
        String code = e.getErrorCode();
        String message = errorMessage(e);
        String detail = oneLine((code != null ? code : "HTTP " + status) + (message != null ? " (" + message + ")" : ""));
        if (status == 404) {
            if ("NoSuchBucket".equals(code) || (code == null && key != null && !bucketExistsQuietly(bucket))) {
                return new StorageException(ErrorCode.BUCKET_NOT_FOUND, "bucket '" + bucket + "' does not exist", e);
            }
            return new StorageException(ErrorCode.OBJECT_NOT_FOUND, what + " does not exist", e);
        }
        if (status == 401 || status == 403) {
            return new StorageException(ErrorCode.ACCESS_DENIED, "access to " + what + " was denied: " + detail
                    + "; check OBS_ACCESS_KEY / OBS_SECRET_KEY and the bucket's permissions", e);
        }
        if (status <= 0 || status >= 500 || status == 408 || status == 429) {
            String cause = status <= 0 ? rootMessage(e) : detail;
            return new StorageException(ErrorCode.STORAGE_UNAVAILABLE,
                    "object store at " + endpoint + " is unavailable for " + what + ": " + cause, e);
        }
        return new StorageException(ErrorCode.STORAGE_REJECTED, "object store rejected the request for " + what + ": " + detail, e);
    }

    /**
     * The server's message, if it sent one: for an answer without a body (HEAD requests) the SDK makes up
     * "&lt;reason phrase&gt; Request Error.", which reads "null Request Error." when the reason phrase is missing.
     */
    private static String errorMessage(ObsException e) {
        String message = e.getErrorMessage();
        if (message == null || message.isBlank() || SDK_PLACEHOLDER.matcher(message).matches()) {
            String reason = e.getResponseStatus();
            return reason == null || reason.isBlank() || "null".equals(reason) ? null : reason;
        }
        return message;
    }

    private boolean bucketExistsQuietly(String bucket) {
        try {
            return client.headBucket(bucket);
        } catch (ObsException e) {
            return true;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** S3 servers send the ETag quoted; the app uses the bare value. */
    static String unquote(String etag) {
        return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Fetches the next page only when the previous one has been consumed. */
    private final class PagedListing implements Iterator<StoredObject> {

        private final String bucket;
        private final String prefix;
        private Iterator<ObsObject> page = List.<ObsObject>of().iterator();
        private String marker;
        private boolean more = true;
        private StoredObject next;

        PagedListing(String bucket, String prefix, String startAfter) {
            this.bucket = bucket;
            this.prefix = prefix;
            this.marker = startAfter;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (page.hasNext()) {
                    ObsObject object = page.next();
                    marker = object.getObjectKey();
                    if (!object.getObjectKey().endsWith("/")) {
                        next = new StoredObject(bucket, object.getObjectKey(), orZero(object.getMetadata().getContentLength()),
                                unquote(object.getMetadata().getEtag()), toInstant(object.getMetadata().getLastModified()));
                    }
                } else if (more) {
                    fetchPage();
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public StoredObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StoredObject current = next;
            next = null;
            return current;
        }

        private void fetchPage() {
            ListObjectsRequest request = new ListObjectsRequest(bucket);
            request.setPrefix(prefix);
            request.setMaxKeys(pageSize);
            request.setMarker(marker);
            try {
                ObjectListing listing = client.listObjects(request);
                page = listing.getObjects().iterator();
                more = listing.isTruncated() && !listing.getObjects().isEmpty();
                if (listing.getNextMarker() != null && !listing.getNextMarker().isEmpty()) {
                    marker = listing.getNextMarker();
                }
            } catch (ObsException e) {
                throw translate(e, bucket, null);
            }
        }
    }
}
