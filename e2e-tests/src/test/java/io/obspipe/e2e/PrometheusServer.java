package io.obspipe.e2e;

import io.obspipe.deploy.project.ProjectFiles;
import io.obspipe.deploy.tools.Tool;
import io.obspipe.localstack.Ports;
import io.obspipe.model.MessageCodec;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Prometheus binary on the repository's deploy/prometheus/prometheus.yml and alerts.yml, changed
 * only where a test must: each job scrapes the loopback port of the app the test runs for it (its service
 * discovery replaced by a static target; jobs of apps the test does not run are left out), scrapes and rule
 * evaluations every second, a loopback listen address and a TSDB in the test's folder.
 */
final class PrometheusServer implements AutoCloseable {

    static final String CONFIG = "deploy/prometheus/prometheus.yml";
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus in {@code folder}, scraping the port given for each job; returns once it is ready. */
    static PrometheusServer start(Tool prometheus, Path folder, Map<String, Integer> portByJob) {
        int port = Ports.freePort();
        Path log = folder.resolve("prometheus.log");
        try {
            Files.createDirectories(folder);
            Path config = Files.writeString(folder.resolve("prometheus.yml"), testConfig(portByJob));
            Process process = new ProcessBuilder(prometheus.executable().toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + folder.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(process, log, port);
            await("Prometheus ready (log: " + log + ")").atMost(START).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
                        }
                        return Ports.isOpen(port) && PipelineStack.httpGet(port, "/-/ready").contains("Ready");
                    });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Prometheus in " + folder, e);
        }
    }

    /** The repository's scrape configuration with the test's targets and intervals. */
    @SuppressWarnings("unchecked")
    static String testConfig(Map<String, Integer> portByJob) {
        Map<String, Object> config = ProjectFiles.yaml(CONFIG);
        Map<String, Object> global = (Map<String, Object>) config.computeIfAbsent("global", key -> new LinkedHashMap<>());
        global.put("scrape_interval", "1s");
        global.put("scrape_timeout", "1s");
        global.put("evaluation_interval", "1s");
        Path rulesFolder = ProjectFiles.path(CONFIG).getParent();
        config.put("rule_files", ((List<String>) config.get("rule_files")).stream()
                .map(file -> rulesFolder.resolve(file).toString()).toList());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            Integer port = portByJob.get(String.valueOf(job.get("job_name")));
            if (port != null) {
                job.keySet().removeIf(key -> key.endsWith("_sd_configs") || key.equals("static_configs"));
                job.put("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + port))));
                jobs.add(job);
            }
        }
        if (jobs.size() != portByJob.size()) {
            throw new IllegalArgumentException("jobs of " + CONFIG + ": " + config.get("scrape_configs") + "; the test names " + portByJob.keySet());
        }
        config.put("scrape_configs", jobs);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(config);
    }

    /** The result of an instant query (its {@code data.result}); fails with Prometheus's error when the query does not run. */
    JsonNode query(String promql) {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), promql).path("result");
    }

    /** The {@code data} of a GET on the HTTP API; fails with Prometheus's error when it answers one. */
    JsonNode api(String path) {
        return api(path, path);
    }

    private JsonNode api(String path, String what) {
        JsonNode answer = MessageCodec.mapper().readTree(PipelineStack.httpGet(port, path));
        if (!"success".equals(answer.path("status").asString())) {
            throw new AssertionError("Prometheus rejected " + what + ": " + answer.path("errorType").asString() + ": "
                    + answer.path("error").asString());
        }
        return answer.path("data");
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
