package io.obspipe.notifier.sink.live;

import io.obspipe.model.AnalysisErrorCode;
import io.obspipe.model.ErrorCode;
import io.obspipe.model.FileInfo;
import io.obspipe.model.KeyPoolStatus.KeyState;
import io.obspipe.model.ObjectLocation;
import io.obspipe.model.ProcessingResult;
import io.obspipe.model.ResultStatus;
import io.obspipe.model.WorkerType;
import io.obspipe.notifier.support.AnalysisEvents;
import io.obspipe.notifier.support.ResultsTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.obspipe.notifier.support.ResultsTopic.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless browser (Debian's chromium, driven by its chromedriver; nothing is downloaded):
 * history from the processing log, live results within a second, the status and prefix filters, analyses and the
 * key pool of the analysis stage, and screenshots (target/dashboard.png, target/dashboard-analysis.png). Skipped when the browser is not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}",
        "KAFKA_RESULT_TOPIC=" + DashboardBrowserIT.TOPIC,
        "KAFKA_TOPIC_TASKS=" + DashboardBrowserIT.TOPIC + "-tasks",
        "ANALYSIS_TOPIC=" + DashboardBrowserIT.TOPIC + "-analyses",
        "ANALYSIS_KEY_POOL_TOPIC=" + DashboardBrowserIT.TOPIC + "-key-pool",
        "KAFKA_TOPIC_PARTITIONS=3",
        "NOTIFIER_GROUP_ID=dashboard-it",
        "NOTIFIER_DATA_DIR=./target/it-data/dashboard-it",
        "NOTIFIER_SINKS_LOG_ENABLED=false"})
@DirtiesContext
@EnabledIf(value = "browserInstalled", disabledReason = "the dashboard test needs Debian's chromium and chromium-driver "
        + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver, or run .ci/ensure-test-services.sh")
class DashboardBrowserIT {

    static final String TOPIC = "dashboard-it-results";
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration LIVE = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static WebDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;

    private final ResultsTopic topic = new ResultsTopic(TOPIC);
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    static boolean browserInstalled() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        FileSystemUtils.deleteRecursively(Path.of("target/it-data/dashboard-it"));
        profile = Files.createTempDirectory("dashboard-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1360,1000", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void showsTheHistoryThenEveryNewResultWithinASecondAndFiltersByStatusAndPrefix() throws IOException {
        topic.send(result(run + "-old-ok", ResultStatus.SUCCESS, run + "/old/ok.csv"),
                result(run + "-old-bad", ResultStatus.FAILED, run + "/old/bad.csv"));
        open("/");
        waitFor(PATIENCE, "tr[data-task-id='" + run + "-old-bad']");
        assertThat(rows()).contains(run + "-old-ok", run + "-old-bad");

        for (int i = 0; i < 3; i++) {
            String task = run + "-live-" + i;
            topic.send(result(task, i == 1 ? ResultStatus.FAILED : ResultStatus.SUCCESS, run + "/live/" + i + ".csv"));
            Instant sent = Instant.now();
            waitFor(LIVE, "tr[data-task-id='" + task + "']");
            assertThat(Duration.between(sent, Instant.now())).isLessThanOrEqualTo(LIVE);
        }
        assertThat(rows().get(0)).as("newest first").isEqualTo(run + "-live-2");
        WebElement failed = browser.findElement(By.cssSelector("tr[data-task-id='" + run + "-live-1']"));
        assertThat(failed.getText()).contains("failed", run + "/live/1.csv", "1.0 KB", "corrupt_content", "文件格式不支持", "worker-a");

        new Select(browser.findElement(By.id("status-filter"))).selectByValue("failed");
        assertThat(browser.findElements(By.cssSelector("#results tbody tr[data-status='success']"))).isEmpty();
        assertThat(rows()).contains(run + "-old-bad", run + "-live-1").doesNotContain(run + "-live-0");
        String failedLater = run + "-live-failed";
        topic.send(result(run + "-live-ok", ResultStatus.SUCCESS, run + "/live/ok.csv"),
                result(failedLater, ResultStatus.FAILED, run + "/live/failed.csv"));
        waitFor(LIVE, "tr[data-task-id='" + failedLater + "']");
        assertThat(rows()).as("a new success stays hidden under the failed filter").doesNotContain(run + "-live-ok");
        assertThat(browser.getCurrentUrl()).endsWith("/?status=failed");

        new Select(browser.findElement(By.id("status-filter"))).selectByValue("");
        WebElement prefix = browser.findElement(By.id("prefix-filter"));
        prefix.sendKeys(run + "/old/");
        new WebDriverWait(browser, Duration.ofSeconds(3)).until(driver ->
                rows().equals(List.of(run + "-old-bad", run + "-old-ok")) || rows().equals(List.of(run + "-old-ok", run + "-old-bad")));

        browser.navigate().refresh();
        waitFor(PATIENCE, "tr[data-task-id='" + run + "-old-ok']");
        assertThat(browser.findElement(By.id("prefix-filter")).getAttribute("value")).as("the filter survives a refresh").isEqualTo(run + "/old/");
        assertThat(rows()).containsExactlyInAnyOrder(run + "-old-bad", run + "-old-ok");
    }

    @Test
    void countersAndThroughputFollowTheResults() throws IOException {
        List<ProcessingResult> results = IntStream.range(0, 24).mapToObj(this::sample).toList();
        open("/");
        topic.send(results);
        waitFor(PATIENCE, "tr[data-task-id='" + results.get(results.size() - 1).taskId() + "']");

        new WebDriverWait(browser, Duration.ofSeconds(5)).until(driver ->
                Long.parseLong(driver.findElement(By.id("count-total")).getText().replace(",", "")) >= results.size());
        assertThat(browser.findElements(By.cssSelector("#throughput-chart rect.success"))).hasSize(60);
        assertThat(browser.findElement(By.id("throughput-peak")).getText()).matches("· peak \\d+ per 10 s");
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");

        File screenshot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void showsEachFilesLatestAnalysisAndTheKeyPoolAsTheyArriveOverTheWebSocket() throws IOException {
        open("/");
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
        ProcessingResult contract = result(run + "-contract", ResultStatus.SUCCESS, run + "/contracts/lease.pdf");
        ProcessingResult scan = result(run + "-scan", ResultStatus.SUCCESS, run + "/scans/blurred.png");

        new ResultsTopic(TOPIC + "-key-pool").sendValues(List.of(AnalysisEvents.keyPool("analysis-1",
                new KeyState("key-a", "active", 2, 3, 42, null, 0.98),
                new KeyState("key-b", "cooling", 1, 0, 7, Instant.now().plusSeconds(60), 0.5))), 0);
        new ResultsTopic(TOPIC + "-analyses").send(
                AnalysisEvents.analyzed(contract, "key-a", "A lease between two parties for 24 months."),
                AnalysisEvents.failedAnalysis(scan, AnalysisErrorCode.RATE_LIMITED, "every key stayed rate limited for 2 minutes"));

        waitFor(PATIENCE, "#analyses tr[data-task-id='" + run + "-scan']");
        WebElement answered = browser.findElement(By.cssSelector("#analyses tr[data-task-id='" + run + "-contract']"));
        assertThat(answered.getText()).contains("success", run + "/contracts/lease.pdf", AnalysisEvents.MODEL, "key-a", "0.84 s",
                "A lease between two parties for 24 months.");
        assertThat(browser.findElement(By.cssSelector("#analyses tr[data-task-id='" + run + "-scan']")).getText())
                .contains("failed", "rate_limited", "every key stayed rate limited");
        waitFor(PATIENCE, "#key-pool tr[data-key-id='key-b']");
        assertThat(browser.findElement(By.cssSelector("#key-pool tr[data-key-id='key-a']")).getText()).contains("active", "3", "42", "98.0 %");
        assertThat(browser.findElement(By.cssSelector("#key-pool tr[data-key-id='key-b']")).getText()).contains("cooling", "50.0 %");
        assertThat(browser.findElement(By.id("key-pool-meta")).getText()).startsWith("1 analysis worker");

        File screenshot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target/dashboard-analysis.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBe(By.id("connection"), "live"));
    }

    private static void waitFor(Duration patience, String selector) {
        new WebDriverWait(browser, patience, Duration.ofMillis(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    }

    /** Task ids of the table's rows, top to bottom, read in one go (the table is redrawn as results arrive). */
    @SuppressWarnings("unchecked")
    private static List<String> rows() {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('#results tbody tr'), row => row.dataset.taskId)");
    }

    /** Results that look like a day of the pipeline, for the screenshot. */
    private ProcessingResult sample(int i) {
        String[] folders = {"data/2024/08/sales", "data/2024/08/logs", "data/2024/08/sensors"};
        String[] types = {".csv", ".json", ".log.gz"};
        String key = folders[i % 3] + "/part-" + String.format("%04d", 100 + i) + types[i % 3];
        long input = 2_000L + (i * 7919L % 50) * 41_000L;
        boolean failed = i % 8 == 5;
        ErrorCode code = i % 16 == 5 ? ErrorCode.CORRUPT_CONTENT : ErrorCode.TOO_LARGE;
        return new ProcessingResult(Instant.now().minusMillis((24L - i) * 400), WorkerType.MULTI_PROCESS,
                failed ? ResultStatus.FAILED : ResultStatus.SUCCESS,
                new ObjectLocation("input-files", key),
                failed ? null : new ObjectLocation("processed-files", key + ".parsed.json"),
                FileInfo.of(input, failed ? 0 : input * 3 / 2),
                failed ? (code == ErrorCode.CORRUPT_CONTENT ? "文件格式不支持: line 17 has 3 fields, header has 5" : "file is larger than MAX_FILE_SIZE (10 GB)") : null,
                failed ? code : null,
                "shot-" + run + "-" + i, 0.05 + (i % 5) * 0.37, "worker-" + (char) ('a' + i % 3), "csv", null);
    }
}
