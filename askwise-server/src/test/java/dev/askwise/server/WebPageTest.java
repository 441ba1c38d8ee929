package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page end to end in real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs):
 * type a request, answer the questions, see the specification with each value's source; and at 400 px wide, no
 * sideways scroll, the request panel and Start on screen, and the cost slider at the API's default. Skipped when
 * Chromium is not installed. Screenshots are left in target/ for people to look at (docs/img holds copies).
 */
class WebPageTest {

    @TempDir
    Path dir;
    private AskwiseServer server;
    private ChromeDriver browser;
    private String key;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")) && Files.isExecutable(Path.of(
            "/usr/bin/chromium")), "chromium and chromium-driver are not installed: browser test skipped");
        server = AskwiseServer.start(JdbcStore.sqlite(dir), 0);
        key = ApiKeys.create(server.store(), "web");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            server.store().close();
        }
    }

    @Test
    void typeARequestAnswerAndSeeTheSpecification() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/#key=" + key);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElements(By.cssSelector("#domain option")).size() == 5);
        lowerCost("0.1");
        WebElement request = browser.findElement(By.id("request"));
        request.clear();
        request.sendKeys("a cheap hotel downtown");
        browser.findElement(By.id("start")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#messages .bot")).isEmpty());
        wait.until(d -> !d.findElements(By.cssSelector("#posterior")).isEmpty());
        int turns = 0;
        while (browser.findElements(By.id("spectable")).isEmpty() && turns++ < 10) {
            List<WebElement> options = browser.findElements(By.cssSelector("#options button.option"));
            int before = browser.findElements(By.cssSelector("#messages .bot")).size();
            if (turns == 1) {
                browser.findElement(By.id("answer")).sendKeys("I don't mind");
                browser.findElement(By.id("send")).click();
            } else {
                options.get(0).click();
            }
            wait.until(d -> d.findElements(By.cssSelector("#messages .bot")).size() > before);
        }
        String said = browser.findElement(By.id("messages")).getText();
        assertThat(said).contains("Understood: price = low, area = downtown.").contains("= no-preference.");
        String spec = browser.findElement(By.id("spectable")).getText();
        assertThat(spec).contains("price").contains("low").contains("stated");
        assertThat(spec).contains("area").contains("downtown");
        assertThat(browser.findElement(By.id("prompt")).getText()).contains("low budget");
        assertThat(browser.findElement(By.id("candidates")).getText()).contains("expected gain");
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "web-page.png"), png);
        assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
    }

    /**
     * At 400 px wide (a phone) the page does not scroll sideways, the request panel with its Start button is on
     * screen, and the cost slider starts at the API's default cost: the cost of a session created without one.
     */
    @Test
    void worksAt400PixelsAndTheSliderStartsAtTheApiDefault() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 900));
        browser.get("http://127.0.0.1:" + server.port() + "/#key=" + key);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElements(By.cssSelector("#domain option")).size() == 5);
        long viewport = (Long) browser.executeScript("return window.innerWidth");
        assertThat(viewport).isLessThanOrEqualTo(400);
        assertNoSidewaysScroll();
        assertOnScreen(browser.findElement(By.id("request-panel")), viewport);
        assertOnScreen(browser.findElement(By.id("start")), viewport);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "web-page-400-start.png"), ((TakesScreenshot) browser).getScreenshotAs(
            OutputType.BYTES));

        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                + "/v1/sessions")).header("Authorization", "Bearer " + key).POST(java.net.http.HttpRequest
                .BodyPublishers.ofString("{\"domain\": \"hotel\"}")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        double apiDefault = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("session")
            .get("cost").asDouble();
        assertThat(Double.parseDouble(browser.findElement(By.id("cost")).getAttribute("value"))).isEqualTo(apiDefault);
        assertThat(browser.findElement(By.id("costv")).getText()).isEqualTo(String.valueOf(apiDefault));

        lowerCost("0.1");
        browser.findElement(By.id("start")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#options button.option")).isEmpty());
        browser.findElement(By.id("answer")).sendKeys("somewhere quiet, not too pricey");
        int before = browser.findElements(By.cssSelector("#messages .bot")).size();
        browser.findElement(By.id("send")).click();
        wait.until(d -> d.findElements(By.cssSelector("#messages .bot")).size() > before);
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Understood: ");
        assertNoSidewaysScroll();
        assertOnScreen(browser.findElement(By.id("answer")), viewport);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "web-page-400.png"), png);
        assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
    }

    /** Moves the cost slider down with the keyboard, as a person would, until it shows the value. */
    private void lowerCost(String value) {
        WebElement slider = browser.findElement(By.id("cost"));
        for (int i = 0; i < 20 && !value.equals(slider.getAttribute("value")); i++) {
            slider.sendKeys(org.openqa.selenium.Keys.ARROW_LEFT);
        }
        assertThat(browser.findElement(By.id("costv")).getText()).isEqualTo(value);
    }

    private void assertNoSidewaysScroll() {
        long scroll = (Long) browser.executeScript("return document.documentElement.scrollWidth");
        long client = (Long) browser.executeScript("return document.documentElement.clientWidth");
        assertThat(scroll).as("scrollWidth <= clientWidth").isLessThanOrEqualTo(client);
    }

    /** Inside the viewport horizontally, and its top within the first screen height of where the page is scrolled. */
    private void assertOnScreen(WebElement e, long viewport) {
        org.openqa.selenium.Rectangle r = e.getRect();
        long height = (Long) browser.executeScript("return window.innerHeight");
        long scrolled = ((Number) browser.executeScript("return window.scrollY")).longValue();
        assertThat(e.isDisplayed()).isTrue();
        assertThat(r.getX()).as("left of " + e.getAttribute("id")).isGreaterThanOrEqualTo(0);
        assertThat(r.getX() + r.getWidth()).as("right of " + e.getAttribute("id")).isLessThanOrEqualTo((int) viewport);
        assertThat(r.getY() - scrolled).as("top of " + e.getAttribute("id")).isBetween(0L, height - 1);
    }
}
