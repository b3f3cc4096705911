package dev.reconciler.web;

import static dev.reconciler.web.ConsoleWorld.OPERATOR;
import static dev.reconciler.web.ConsoleWorld.OPERATOR_PASSWORD;
import static dev.reconciler.web.ConsoleWorld.SCRIPT;
import static dev.reconciler.web.ConsoleWorld.USERS;
import static dev.reconciler.web.ConsoleWorld.VIEWER;
import static dev.reconciler.web.ConsoleWorld.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.it.Backend;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium: every page with real data from a running worker, the
 * actions done by clicking, a viewer who cannot act, the CSRF check, and a script argument shown as
 * text. With -Dreconciler.screenshots=docs/screenshots it saves a screenshot of each page.
 */
class WebConsoleBrowserIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static ConsoleWorld world;
  private static Chromium chromium;

  /** The browser being started (chromedriver, then Chromium) while the world is made. */
  private static CompletableFuture<Chromium> starting;

  private static WebServer console;
  private static String base;

  /** The PostgreSQL world and its console, started by the case that asks for them. */
  private static ConsoleWorld pgWorld;

  private static WebServer pgConsole;

  private WebDriver driver;

  /** The console this case opens: SQLite's unless the case asks for PostgreSQL's. */
  private String site;

  @BeforeAll
  static void start() throws Exception {
    // Seconds of external processes starting, on the core the world's making leaves idle.
    starting = CompletableFuture.supplyAsync(Chromium::new);
    world = new ConsoleWorld();
    world.seedHistory(40);
    console = world.console(Map.of("RECONCILER_WEB_USERS", USERS));
    base = "http://127.0.0.1:" + console.port();
    chromium = starting.join();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium == null && starting != null) {
      // The world failed: the browser may have started all the same.
      chromium = starting.exceptionally(e -> null).join();
    }
    if (chromium != null) {
      chromium.close();
    }
    if (console != null) {
      console.close();
    }
    if (pgConsole != null) {
      pgConsole.close();
    }
    world.close();
    if (pgWorld != null) {
      pgWorld.close();
    }
  }

  /** The world of {@code backend}, and its console's address in {@link #site}. */
  private ConsoleWorld world(Backend backend) throws Exception {
    if (backend == Backend.SQLITE) {
      site = base;
      return world;
    }
    if (pgWorld == null) {
      pgWorld = new ConsoleWorld(backend.env(pg));
      // Its run was read from, and recorded in, PostgreSQL: no input file was ever made.
      backend.assertKeptEverything(pgWorld.settings.paths().database());
      pgWorld.seedHistory(40);
      pgConsole = pgWorld.console(Map.of("RECONCILER_WEB_USERS", USERS));
    }
    site = "http://127.0.0.1:" + pgConsole.port();
    return pgWorld;
  }

  @BeforeEach
  void fresh() {
    driver = chromium.driver;
    site = base;
    chromium.size(1280, 900);
    driver.get(site + "/login");
    driver.manage().deleteAllCookies();
  }

  @AfterEach
  void logout() {
    driver.manage().deleteAllCookies();
  }

  private void login(String name, String password) {
    driver.get(site + "/login");
    driver.findElement(By.id("login-name")).sendKeys(name);
    driver.findElement(By.id("login-password")).sendKeys(password);
    driver.findElement(By.id("login")).click();
    waitFor(By.id("who"));
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private String open(String path) {
    driver.get(site + path);
    return driver.findElement(By.tagName("main")).getText();
  }

  private String message() {
    return waitFor(By.id("message")).getText();
  }

  // On both databases: the pages read runs, workbooks and the chart's history from the store.
  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyPageRendersRealDataFromARunningWorker(Backend backend) throws Exception {
    ConsoleWorld at = world(backend);
    String failed = at.failingTask();
    // Queued on a queue no worker serves: the overview shows its length and age.
    at.queue.enqueue(
        "parked", TaskEnvelope.create(TaskCatalog.PING, List.of(), System.currentTimeMillis()));
    chromium.consoleMessages();
    login(OPERATOR, OPERATOR_PASSWORD);
    shot(backend, "login");

    String overview = open("/");
    waitFor(By.cssSelector("#minutes-chart .uplot"));
    assertThat(overview).contains("reconcile", "alerts", "parked");
    assertThat(driver.findElement(By.id("workers")).getText())
        .contains(String.valueOf(ProcessHandle.current().pid()));
    assertThat(driver.findElement(By.id("failed-count")).getText())
        .isEqualTo(String.valueOf(at.failedCount()));
    shot(backend, "overview");

    assertThat(open("/tasks")).contains(at.reconcileId, failed);
    shot(backend, "tasks");
    String task = open("/tasks/" + at.reconcileId);
    assertThat(task)
        .contains("SUCCESS", "reconcile", RunIds.forTask(ConsoleWorld.DAY, at.reconcileId));
    shot(backend, "task");
    assertThat(open("/failed")).contains(failed, "BadArguments");
    shot(backend, "failed");
    open("/runs");
    waitFor(By.cssSelector("#runs-chart .uplot"));
    assertThat(driver.findElement(By.id("run-list")).getText())
        .contains(ConsoleWorld.DAY.toString(), "SUCCESS", "download");
    shot(backend, "runs");
    assertThat(open("/ledger")).contains("Open items by age", "Oldest open items");
    shot(backend, "ledger");
    assertThat(open("/imports")).contains("Imports", "Days its rows reach");
    assertThat(open("/schedule")).contains(at.settings.schedule().cron(), "Next fire times");
    shot(backend, "schedule");
    assertThat(open("/actions")).contains("Enqueue a reconcile", "Revoke a task");
    shot(backend, "actions");
    chromium.size(390, 844);
    open("/");
    waitFor(By.cssSelector("#minutes-chart .uplot"));
    shot(backend, "overview-phone");
    // Every page's script, styles and charts loaded under the CSP: nothing was refused. (The probe
    // shows the console is read at all.)
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("console.warn('probe')");
    List<String> messages = chromium.consoleMessages();
    assertThat(messages).anyMatch(m -> m.contains("probe"));
    assertThat(messages)
        .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
        .noneMatch(m -> m.startsWith("SEVERE"));
  }

  /** A screenshot of the page, from the SQLite world only (the same pages, the same names). */
  private static void shot(Backend backend, String name) {
    if (backend == Backend.SQLITE) {
      chromium.screenshot(name);
    }
  }

  @Test
  void theOverviewRefreshesWithoutAReload() throws Exception {
    // A console of its own refreshing every second ([web] refresh_seconds), not the shared one's
    // default 5 s: the other cases' elements are not replaced under them.
    try (WebServer fast =
        world.console(
            Map.of("RECONCILER_WEB_USERS", USERS, "RECONCILER_WEB_REFRESH_SECONDS", "1"))) {
      site = "http://127.0.0.1:" + fast.port();
      refreshesWithoutAReload();
    }
  }

  private void refreshesWithoutAReload() {
    login(VIEWER, VIEWER_PASSWORD);
    open("/");
    assertThat(driver.findElement(By.tagName("footer")).getText())
        .isEqualTo("Refreshes every 1 s while the tab is visible.");
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.notReloaded = true;");
    world.queue.enqueue(
        "refreshed", TaskEnvelope.create(TaskCatalog.PING, List.of(), System.currentTimeMillis()));
    // The refresh replaces the element: one found just before it is stale by its getText.
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.id("queues")).getText().contains("refreshed"));
    assertThat(
            ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return window.notReloaded === true;"))
        .isEqualTo(true);
  }

  @Test
  void retryAndPurgeWorkFromThePage() {
    String failed = world.failingTask();
    login(OPERATOR, OPERATOR_PASSWORD);
    open("/failed");
    WebElement row =
        driver.findElement(
            By.xpath("//table[@id='failed-list']//tr[td/a[text()='" + failed + "']]"));
    row.findElement(By.className("retry-one")).click();
    assertThat(message()).contains("sent again as task " + failed);
    world.awaitState(failed, "FAILURE");

    open("/failed");
    driver.findElement(By.id("purge")).click();
    driver.findElement(By.id("confirm-word")).sendKeys("purge");
    chromium.screenshot("confirm");
    driver.findElement(By.id("confirm-go")).click();
    assertThat(message()).contains("purged");
    assertThat(world.failedCount()).isZero();
  }

  @Test
  void enqueueAndRevokeWorkFromThePage() {
    login(OPERATOR, OPERATOR_PASSWORD);
    open("/actions");
    WebElement date = driver.findElement(By.id("enqueue-date"));
    date.clear();
    date.sendKeys("2026-11-23");
    WebElement countdown = driver.findElement(By.id("enqueue-countdown"));
    countdown.clear();
    countdown.sendKeys("3600");
    driver.findElement(By.id("enqueue")).click();
    String text = message();
    assertThat(text).contains("reconcile of 2026-11-23 enqueued as task");
    String id = text.replaceAll("(?s).*as task ([0-9a-f-]{36}).*", "$1");
    assertThat(world.state(id)).isEqualTo("PENDING");

    open("/tasks/" + id);
    driver.findElement(By.id("revoke")).click();
    assertThat(message()).contains("revoked " + id);
    assertThat(world.state(id)).isEqualTo("REVOKED");
  }

  @Test
  void aViewerSeesNoActionAndAPostOfTheirsIsRefused() {
    String failed = world.failingTask();
    login(VIEWER, VIEWER_PASSWORD);
    open("/failed");
    assertThat(driver.findElements(By.className("retry-one"))).isEmpty();
    assertThat(driver.findElements(By.id("purge"))).isEmpty();
    assertThat(open("/actions")).contains("Actions need a user with the operator role");
    assertThat(driver.findElements(By.id("enqueue"))).isEmpty();
    // Even with the session's own token, the server refuses a viewer's POST.
    Object status = post("/failed/retry", "id=" + failed, true);
    assertThat(status).isEqualTo(403L);
    assertThat(world.state(failed)).isEqualTo("FAILURE");
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() {
    login(OPERATOR, OPERATOR_PASSWORD);
    open("/actions");
    long before = delayed();
    assertThat(post("/actions/enqueue", "date=2026-11-20&countdown=600", false)).isEqualTo(403L);
    assertThat(delayed()).isEqualTo(before);
    assertThat(post("/actions/enqueue", "date=2026-11-20&countdown=600", true)).isEqualTo(200L);
    assertThat(delayed()).isEqualTo(before + 1);
  }

  @Test
  void aScriptArgumentShowsAsTextAndNoAlertOpens() {
    String failed = world.failingTask();
    login(OPERATOR, OPERATOR_PASSWORD);
    open("/tasks/" + failed);
    assertThat(driver.findElement(By.id("task-args")).getText()).contains(SCRIPT);
    assertThat(driver.findElement(By.id("task-attempts")).getText()).contains("<script>");
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    open("/failed");
    assertThat(driver.findElement(By.id("failed-list")).getText()).contains("<script>");
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  private static long delayed() {
    Long n = world.redis.with(j -> j.zcard("reconciler:delayed"));
    return n;
  }

  /** A form POST from the page's own script context; with the token of its logout form or none. */
  private Object post(String path, String body, boolean withToken) {
    return ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const token = document.querySelector('input[name=_csrf]').value;"
                + "const body = arguments[1] ? arguments[0] + '&_csrf=' + encodeURIComponent(token)"
                + "  : arguments[0];"
                + "fetch('"
                + path
                + "', {method: 'POST', body: body,"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}})"
                + ".then(r => done(r.status), e => done(String(e)));",
            body,
            withToken);
  }
}
