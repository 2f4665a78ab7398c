package io.obspipe.bench.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An S3 endpoint on loopback whose one bucket lists {@code size} synthetic objects, page by page
 * (ListObjects with marker and max-keys, and with the delimiter {@code /} the folders), without storing
 * anything: it shows whether a client's memory stays flat over a listing far larger than a test machine can
 * hold as files. Keys are {@code sim/dNNNN/obj-NNNNNNNNNN.csv} in 64 folders; each page can be delayed as a
 * remote store's would be. Only listing is served.
 */
public final class SimulatedListing implements AutoCloseable {

    public static final String BUCKET = "simulated";
    private static final String ROOT = "sim/";
    private static final int FOLDERS = 64;

    private final HttpServer server;
    private final long size;
    private final long perFolder;
    private final long pageLatencyMillis;

    private SimulatedListing(HttpServer server, long size, long pageLatencyMillis) {
        this.server = server;
        this.size = size;
        this.perFolder = Math.max(1, (size + FOLDERS - 1) / FOLDERS);
        this.pageLatencyMillis = pageLatencyMillis;
    }

    public static SimulatedListing start(long size) {
        return start(size, 0);
    }

    /** @param pageLatencyMillis how long each listing page takes to answer, as a remote store's would */
    public static SimulatedListing start(long size, long pageLatencyMillis) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            SimulatedListing listing = new SimulatedListing(server, size, pageLatencyMillis);
            server.createContext("/", listing::handle);
            server.setExecutor(Executors.newFixedThreadPool(16, r -> {
                Thread thread = new Thread(r, "simulated-listing");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return listing;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated listing", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
            String marker = query.getOrDefault("marker", "");
            String body;
            if ("/".equals(query.get("delimiter"))) {
                body = folders(query.getOrDefault("prefix", ""));
            } else {
                long first = firstAfter(marker);
                body = page(first, Math.min(size, first + maxKeys), maxKeys);
            }
            if (pageLatencyMillis > 0) {
                try {
                    Thread.sleep(pageLatencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The index of the first key after {@code marker}: keys ascend with their index. */
    private long firstAfter(String marker) {
        long low = 0;
        long high = size;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (key(middle).compareTo(marker) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** ListObjects with the delimiter: {@code sim/} at the top, the folders under it. */
    private String folders(String prefix) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(BUCKET).append("</Name><Prefix>").append(prefix).append("</Prefix><Delimiter>/</Delimiter>")
                .append("<IsTruncated>false</IsTruncated>");
        if (prefix.isEmpty()) {
            xml.append("<CommonPrefixes><Prefix>").append(ROOT).append("</Prefix></CommonPrefixes>");
        } else if (prefix.equals(ROOT)) {
            for (long folder = 0; folder * perFolder < size; folder++) {
                xml.append("<CommonPrefixes><Prefix>").append(folder(folder)).append("</Prefix></CommonPrefixes>");
            }
        }
        return xml.append("</ListBucketResult>").toString();
    }

    private String page(long first, long end, int maxKeys) {
        StringBuilder xml = new StringBuilder(256 + (int) (end - first) * 230);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(BUCKET).append("</Name><Prefix></Prefix><MaxKeys>").append(maxKeys).append("</MaxKeys>")
                .append("<IsTruncated>").append(end < size).append("</IsTruncated>");
        if (end < size && end > first) {
            xml.append("<NextMarker>").append(key(end - 1)).append("</NextMarker>");
        }
        for (long i = first; i < end; i++) {
            xml.append("<Contents><Key>").append(key(i)).append("</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified>")
                    .append("<ETag>&quot;0123456789abcdef0123456789abcdef&quot;</ETag><Size>").append(2048 + i % 1000)
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    private String key(long index) {
        return folder(index / perFolder) + "obj-" + zeroPadded(index, 10) + ".csv";
    }

    private static String folder(long folder) {
        return ROOT + "d" + zeroPadded(folder, 4) + "/";
    }

    /** As {@code String.format("%0<width>d")} without parsing a pattern per key: the harness shares the CPU with the generator it measures. */
    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
