package dev.cutover.api;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromium-driver through Selenium: one browser for a test class
 * (as a JUnit extension in a static field), with a fresh profile and cookies cleared before each test. Nothing is
 * downloaded: no driver, no browser. On this machine the browser reaches only 127.0.0.1 (every other host name
 * resolves to nothing) and its background services are off. A test that fails leaves a screenshot in
 * target/screenshots/. Without the browser the tests are skipped with the reason, except in CI ({@code CI=true}),
 * where a missing browser fails them.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterTestExecutionCallback {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);

  private Path profile;
  ChromeDriver driver;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install -y chromium chromium-driver";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(why + " (CI=true: browser tests never skip in CI; .ci/run installs them)");
      }
      System.err.println("SKIPPED " + context.getRequiredTestClass().getSimpleName() + ": " + why);
      Assumptions.abort("skipped: " + why);
    }
    profile = Files.createTempDirectory("cutover-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--disable-default-apps",
        "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    desktop();
    driver.get("about:blank");
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of()); // every site's, not only the current page's
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws IOException {
    if (context.getExecutionException().isPresent() && driver != null) {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-"
          + context.getRequiredTestMethod().getName() + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      System.err.println("screenshot of the failed test: " + file.toAbsolutePath() + " (at " + driver.getCurrentUrl()
          + ")");
    }
  }

  /** A 1280x800 viewport. */
  void desktop() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** A phone-sized screen: 375x667 CSS pixels (an iPhone SE), touch, device pixel ratio 2. */
  void phone() {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 375, "height", 667,
        "deviceScaleFactor", 2, "mobile", true));
  }

  /** A viewport of this many CSS pixels, e.g. tall enough for a whole page in one screenshot. */
  void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
        "deviceScaleFactor", 1, "mobile", false));
  }

  void save(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  <T> T await(String what, Function<WebDriver, T> until) {
    // the page re-renders what changed: an element found a moment ago may be replaced
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).withMessage(what)
        .ignoring(StaleElementReferenceException.class).until(until);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The first element matching css once it is displayed. */
  WebElement shown(String css) {
    return await(css + " shown", d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
        .findFirst().orElse(null));
  }

  /** Clicks the first displayed element matching css, once there is one (again if it was replaced meanwhile). */
  void click(String css) {
    await("click " + css, d -> {
      shown(css).click();
      return true;
    });
  }

  /** Waits until the element's text contains {@code text}. */
  WebElement text(String css, String text) {
    return await(css + " says " + text, d -> d.findElements(By.cssSelector(css)).stream()
        .filter(e -> e.getText().contains(text)).findFirst().orElse(null));
  }

  Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  Object asyncScript(String js, Object... args) {
    return driver.executeAsyncScript(js, args);
  }
}
