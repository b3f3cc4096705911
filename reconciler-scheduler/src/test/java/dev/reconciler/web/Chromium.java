package dev.reconciler.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its own chromedriver (/usr/bin, installed by .ci/run):
 * named explicitly, so Selenium Manager never tries to download one. Screenshots go where the
 * system property {@code reconciler.screenshots} says, when it is set.
 */
final class Chromium implements AutoCloseable {
  static final String BROWSER = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;

  Chromium() {
    if (!new File(DRIVER).canExecute() || !new File(BROWSER).canExecute()) {
      throw new IllegalStateException(
          "browser tests need Debian's chromium and chromium-driver ("
              + BROWSER
              + ", "
              + DRIVER
              + "): apt-get install chromium chromium-driver, as .ci/run does");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=en-US");
    // The browser's console, to see that the CSP blocked nothing the pages need.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  /** Saves the page as NAME.png when screenshots were asked for. */
  void screenshot(String name) {
    String where = System.getProperty("reconciler.screenshots");
    if (where == null || where.isBlank()) {
      return;
    }
    Path dir = Path.of(where);
    if (!dir.isAbsolute()) {
      // Failsafe runs in the module's directory; a relative path means the repository's.
      Path cwd = Path.of("").toAbsolutePath();
      dir = (Files.exists(cwd.resolve("../mvnw")) ? cwd.getParent() : cwd).resolve(where);
    }
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser console's messages since the last call. */
  java.util.List<String> consoleMessages() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(e -> e.getLevel() + " " + e.getMessage())
        .toList();
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
