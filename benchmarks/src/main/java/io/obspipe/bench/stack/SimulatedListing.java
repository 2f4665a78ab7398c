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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An S3 endpoint on loopback whose one bucket lists {@code size} synthetic objects, page by page
 * (ListObjects with marker and max-keys), without storing anything: it shows whether a client's memory
 * stays flat over a listing far larger than a test machine can hold as files. Only listing is served.
 */
public final class SimulatedListing implements AutoCloseable {

    public static final String BUCKET = "simulated";
    private static final String PREFIX = "sim/obj-";

    private final HttpServer server;
    private final long size;

    private SimulatedListing(HttpServer server, long size) {
        this.server = server;
        this.size = size;
    }

    public static SimulatedListing start(long size) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            SimulatedListing listing = new SimulatedListing(server, size);
            server.createContext("/", listing::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
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
            long first = marker.startsWith(PREFIX) ? Long.parseLong(marker.substring(PREFIX.length(), marker.length() - 4)) + 1 : 0;
            long end = Math.min(size, first + maxKeys);
            byte[] body = page(first, end, maxKeys).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
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

    private static String key(long index) {
        return PREFIX + String.format(Locale.ROOT, "%010d", index) + ".csv";
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
