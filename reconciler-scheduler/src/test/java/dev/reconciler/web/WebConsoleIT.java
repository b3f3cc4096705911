package dev.reconciler.web;

import static dev.reconciler.web.ConsoleWorld.OPERATOR;
import static dev.reconciler.web.ConsoleWorld.OPERATOR_PASSWORD;
import static dev.reconciler.web.ConsoleWorld.SCRIPT;
import static dev.reconciler.web.ConsoleWorld.USERS;
import static dev.reconciler.web.ConsoleWorld.VIEWER;
import static dev.reconciler.web.ConsoleWorld.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.ExportSpec;
import dev.reconciler.core.generate.FeeCard;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.ledger.LedgerLock;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.ledger.ResolveRequest;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.runs.WorkbookStore;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.it.Backend;
import dev.reconciler.it.LedgerRuns;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.metrics.PromText;
import dev.reconciler.worker.task.TaskEnvelope;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console over HTTP against a real Redis, an in-process worker and a real SQLite run store:
 * pages with real data, actions, roles, CSRF, escaping, the workbook download and /metrics. The
 * cases reading runs and workbooks run on PostgreSQL too, in a second world kept there; the rest
 * (logins, roles, CSRF, headers, TLS) never touch the store and run on SQLite alone.
 */
class WebConsoleIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static ConsoleWorld world;

  /** The PostgreSQL world, started by the first case that asks for it. */
  private static ConsoleWorld pgWorld;

  private WebServer console;

  @BeforeAll
  static void world() throws Exception {
    world = new ConsoleWorld();
  }

  @AfterAll
  static void end() throws Exception {
    world.close();
    if (pgWorld != null) {
      pgWorld.close();
    }
  }

  private static ConsoleWorld world(Backend backend) throws Exception {
    if (backend == Backend.SQLITE) {
      return world;
    }
    if (pgWorld == null) {
      pgWorld = new ConsoleWorld(backend.env(pg));
      // Its run was read from, and recorded in, PostgreSQL: no input file was ever made.
      backend.assertKeptEverything(pgWorld.settings.paths().database());
    }
    return pgWorld;
  }

  @AfterEach
  void stop() {
    if (console != null) {
      console.close();
    }
  }

  private Http open(Map<String, String> overrides) {
    return open(world, overrides);
  }

  private Http open(ConsoleWorld in, Map<String, String> overrides) {
    console = in.console(overrides);
    return new Http(console);
  }

  private Http withUsers() {
    return open(Map.of("RECONCILER_WEB_USERS", USERS));
  }

  private Http asOperator() {
    Http http = withUsers();
    assertThat(http.login(OPERATOR, OPERATOR_PASSWORD).statusCode()).isEqualTo(303);
    return http;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void everyPageShowsRealDataToALocalClientWithoutUsers(Backend backend) throws Exception {
    ConsoleWorld world = world(backend);
    String failed = world.failingTask();
    Http http = open(world, Map.of());
    String runId = RunIds.forTask(ConsoleWorld.DAY, world.reconcileId);
    world.queue.enqueueAt(
        "later",
        new TaskEnvelope("held-1", "ping", List.of(), 0, System.currentTimeMillis()),
        Instant.now().plusSeconds(3600));

    HttpResponse<String> overview = http.get("/");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body())
        .contains("<td>reconcile</td>", "<td>alerts</td>")
        // A queue with only a delayed job: its own row, 0 waiting, 0 in flight, 1 delayed.
        .containsPattern(
            "<tr><td>later</td><td class=\"num\">0</td><td>[^<]*</td><td class=\"num\">0</td>"
                + "<td class=\"num\">1</td></tr>")
        .contains(String.valueOf(ProcessHandle.current().pid()))
        .contains("id=\"failed-count\" href=\"/failed\">" + world.failedCount() + "<")
        .contains("data-series=\"{&#34;t&#34;:[");
    assertThat(http.get("/tasks").body()).contains(world.reconcileId, failed);
    assertThat(http.get("/tasks?name=reconcile&state=SUCCESS&date=2026-11-24").body())
        .contains(world.reconcileId)
        .doesNotContain(failed);
    assertThat(http.get("/tasks?id=" + world.reconcileId).body())
        .contains("SUCCESS")
        .contains("href=\"/runs#" + runId + "\"");
    assertThat(http.get("/tasks/" + failed).body())
        .contains("FAILURE")
        .contains("BadArguments")
        .contains("Failed attempts")
        .contains("Stack trace");
    // The discrepancy alert the reconcile's SUCCESS enqueued.
    assertThat(http.get("/tasks/" + world.reconcileId).body())
        .containsPattern("id=\"task-follow-ups\"[\\s\\S]*<td>send_alert</td>");
    assertThat(http.get("/failed").body()).contains(failed).contains("BadArguments");
    assertThat(http.get("/runs").body())
        .contains(runId)
        .contains("SUCCESS")
        .contains("/runs/" + runId + "/workbook")
        .contains(
            "&#34;t&#34;:["
                + ConsoleWorld.DAY.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
    assertThat(http.get("/schedule").body())
        .contains(world.settings.schedule().cron())
        .contains("Next fire times")
        .containsPattern("20[0-9]{2}-[0-9]{2}-[0-9]{2}T06:00:00Z");
    assertThat(http.get("/actions").body()).contains("no [web] users are configured");
    // The world's input was written by the generator, not imported.
    assertThat(http.get("/imports").body())
        .contains("<h1>Imports</h1>", "Nothing imported yet")
        .doesNotContain("imports-problem", "id=\"formats\"");
    assertThat(http.get("/tasks/no-such-task").statusCode()).isEqualTo(404);
    HttpResponse<String> nowhere = http.get("/no/such/page");
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(nowhere.body()).contains("No page here.");
    assertThat(http.get("/login").body()).contains("nobody to log in as", "--hash-password");
  }

  /**
   * Redis restarted without its data takes the fire keys with it, not the runs: a fire whose date's
   * run the ledger recorded after it shows as run, as the catch-up leaves it out; one run before
   * its fire time (an operator's early run) or never run stays MISSED.
   */
  @Test
  void theScheduleShowsAFireWhoseKeyRedisLostAsRunWhenTheLedgerRecordedItsDateAfterIt(
      @TempDir Path dir) throws Exception {
    // An empty file is an empty SQLite database: the input whose ledger the console reads.
    Path input = Files.createFile(dir.resolve("input.db"));
    Map<String, String> overrides =
        Map.of(
            "RECONCILER_PATHS_DATABASE", input.toString(),
            "RECONCILER_SCHEDULE_CRON", "0 0 6 * * ?",
            "RECONCILER_SCHEDULE_TIMEZONE", "UTC",
            "RECONCILER_SCHEDULE_CATCH_UP_HOURS", "48");
    Settings settings = world.settings(overrides);
    // Fire times 11-23 to 11-25 at 06:00, business dates 11-22 to 11-24, none with its fire key.
    // In date order: a run of an earlier date recorded later would make the later one's stale.
    LedgerRuns.record(settings, LocalDate.of(2026, 11, 23), "2026-11-24T05:00:00Z");
    LedgerRuns.record(settings, LocalDate.of(2026, 11, 24), "2026-11-25T06:05:00Z");
    console =
        world.console(
            overrides, Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC));

    assertThat(new Http(console).get("/schedule").body())
        .contains("<tr><td>2026-11-25T06:00:00Z</td><td>2026-11-24</td><td>ran (fire key lost)<")
        .contains(
            "<tr class=\"missed\"><td>2026-11-24T06:00:00Z</td><td>2026-11-23</td><td>MISSED<")
        .contains(
            "<tr class=\"missed\"><td>2026-11-23T06:00:00Z</td><td>2026-11-22</td><td>MISSED<")
        .doesNotContain("class=\"problem\"");
  }

  /**
   * The Imports page of an input of its own: a Stripe export whose name and one row's id hold
   * markup, imported with one row rejected, then another file; newest first, each with its counts
   * and days, the rejected row with its line, id, day and reason, all escaped.
   */
  @Test
  void theImportsPageListsTheLatestImportsWithTheRowsTheyRejected(@TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("imports.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + input);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE sales (transaction_id TEXT, amount TEXT)");
    }
    Map<String, String> overrides = Map.of("RECONCILER_PATHS_DATABASE", input.toString());
    Settings settings = world.settings(overrides);
    String header =
        "automatic_payout_id,balance_transaction_id,created_utc,currency,gross,fee,net,"
            + "reporting_category,source_id,description,charge_id,payment_intent_id,"
            + "connected_account_id,payment_metadata[transaction_id]";
    Path first = dir.resolve("day<script>1.csv");
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.add("po_1,txn_1,2026-11-23 09:00:00,usd,10.00,0.59,9.41,charge,ch_1,,ch_1,pi_1,,T-1");
    lines.add(
        "po_1,txn_2,2026-11-24 09:00:00,qqq,5.00,0.45,4.55,charge,ch_2,,ch_2,pi_2,,T-<i>2</i>");
    // Rejected rows beyond those the page lists of an import.
    for (int i = 3; i < 3 + ConsoleData.REJECTIONS_SHOWN; i++) {
      lines.add(
          "po_1,txn_"
              + i
              + ",2026-11-24 10:00:00,usd,x,0.45,4.55,charge,ch_"
              + i
              + ",,ch_"
              + i
              + ",pi_"
              + i
              + ",,T-"
              + i);
    }
    Files.write(first, lines);
    new ProcessorImporter(settings).importFile(ImportFormat.STRIPE, first, input);
    Thread.sleep(5); // imports are listed by their commit's time
    Path second = dir.resolve("day2.csv");
    Files.write(
        second,
        List.of(
            header,
            "po_2,txn_3,2026-11-25 09:00:00,usd,7.00,0.50,6.50,charge,ch_3,,ch_3,pi_3,,T-3"));
    new ProcessorImporter(settings).importFile(ImportFormat.STRIPE, second, input);
    console = world.console(overrides);

    String page = new Http(console).get("/imports").body();

    assertThat(page)
        .doesNotContain("<script>1", "<i>2</i>", "imports-problem")
        .containsSubsequence(
            "<td>stripe</td><td>day2.csv</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                + "<td>2026-11-25</td>",
            "<td>stripe</td><td>day&lt;script&gt;1.csv</td><td class=\"num\">1</td>"
                + "<td class=\"num\">"
                + (1 + ConsoleData.REJECTIONS_SHOWN)
                + "</td><td>2026-11-23 to 2026-11-24</td>",
            "<td class=\"num\">3</td><td>T-&lt;i&gt;2&lt;/i&gt;</td><td>2026-11-24</td>"
                + "<td>unknown currency 'qqq'</td>")
        .contains("<td colspan=\"4\" class=\"muted\" id=\"more\">and 1 more:")
        .contains("command line")
        // Stripe's latest import, the rows it added, and the newest row any import brought.
        .containsPattern(
            "(?s)<table id=\"formats\">.*<tr><td>stripe</td><td>[0-9T:-]+Z</td><td class=\"num\">1</td>"
                + "<td>2026-11-25T09:00:00Z</td><td>2026-11-25</td></tr>");
  }

  /**
   * What a parser told of a file is kept with its import and shown on the Imports page: an Adyen
   * export whose merchant accounts [import.adyen] account_timezones does not name.
   */
  @Test
  void theImportsPageShowsWhatTheParserToldOfAFile(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("adyen.db");
    Path export = dir.resolve("adyen-export.csv");
    Map<String, String> overrides =
        Map.of(
            "RECONCILER_PATHS_DATABASE",
            input.toString(),
            "RECONCILER_IMPORT_ADYEN_ACCOUNT_TIMEZONES",
            "reconcilershopus:America/New_York");
    Settings settings = world.settings(overrides);
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(
            new GenerationSpec(
                ConsoleWorld.DAY,
                20,
                5,
                ZoneId.of("UTC"),
                new BigDecimal("0.01"),
                GenerationSpec.Rates.clean(),
                new ExportSpec(ImportFormat.ADYEN, FeeCard.defaults(), ExportSpec.Rates.clean())),
            input,
            export,
            dir.resolve("adyen.truth.json"));
    new ProcessorImporter(settings).importFile(ImportFormat.ADYEN, export, input);
    console = world.console(overrides);

    String page = new Http(console).get("/imports").body();

    assertThat(page)
        .contains("<td>adyen</td><td>adyen-export.csv</td>")
        .contains(
            "<p class=\"import-note\">Note: merchant accounts not named in [import.adyen]"
                + " account_timezones")
        .contains("ReconcilerShopUS (", "named there as reconcilershopus?");
  }

  /**
   * The Ledger page of an input of its own, reconciled in process with window 0: every unmatched
   * item went missing on the run and stays open, so the page counts the truth's missing findings,
   * less the one resolved since, all 0 days old, and lists them by id.
   */
  @Test
  void theLedgerPageShowsTheItemsOpenAfterTheLatestRunLessThoseResolved(@TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("ledger.db");
    Map<String, String> overrides = Map.of("RECONCILER_PATHS_DATABASE", input.toString());
    Settings settings = world.settings(overrides);
    console = world.console(overrides);
    assertThat(new Http(console).get("/ledger").body())
        .as("an input no run has read")
        .contains("none recorded: nothing is open");
    console.close();
    GroundTruth truth =
        DataGenerator.writingTo(settings.database(), Progress.NONE)
            .generate(
                new GenerationSpec(
                    ConsoleWorld.DAY,
                    300,
                    13,
                    ZoneId.of("UTC"),
                    new BigDecimal("0.01"),
                    GenerationSpec.Rates.defaults()),
                input,
                dir.resolve("ledger.truth.json"));
    new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(ConsoleWorld.DAY, "run-ledger-page", input, dir.resolve("out")));
    List<String> missing =
        truth.discrepancies().stream()
            .filter(
                f ->
                    f.kind().equals(DiscrepancyKind.MISSING_IN_PROCESSOR.id())
                        || f.kind().equals(DiscrepancyKind.MISSING_IN_SALES.id()))
            .map(GroundTruth.Finding::transactionId)
            .toList();
    assertThat(missing).hasSizeGreaterThan(1);
    GroundTruth.Finding resolved =
        truth.discrepancies().stream()
            .filter(f -> f.kind().equals(DiscrepancyKind.MISSING_IN_SALES.id()))
            .findFirst()
            .orElseThrow();
    try (LedgerLock lock = Ledgers.lock(settings, input);
        LedgerStore store = Ledgers.open(settings, input, Clock.systemUTC())) {
      store.resolve(
          new ResolveRequest(
              Source.PROCESSOR,
              resolved.transactionId(),
              Resolution.Outcome.EXPLAINED,
              "paid by bank transfer",
              "ana",
              Instant.now()));
    }
    console = world.console(overrides);

    String page = new Http(console).get("/ledger").body();

    int open = missing.size() - 1;
    assertThat(page)
        .contains("<td id=\"last-run\">2026-11-24</td>")
        .contains("<td id=\"open-count\">" + open + "</td>")
        .contains("<td id=\"in-transit\">0</td>")
        .contains("<td id=\"missing\">" + open + "</td>")
        .contains("<td id=\"oldest-age\">0 d</td>")
        .contains("<tr><td>0–1</td><td class=\"num\">" + open + "</td>")
        .contains("<tr><td>&gt;30</td><td class=\"num\">0</td>")
        .contains("missing since 2026-11-24")
        .doesNotContain("<td>" + resolved.transactionId() + "</td>");
    missing.stream()
        .filter(id -> !id.equals(resolved.transactionId()))
        .forEach(id -> assertThat(page).contains("<td>" + id + "</td>"));
  }

  /**
   * The Ledger page of a ledger kept in PostgreSQL: the world's run (window 0) left every unmatched
   * item of its truth open. (No other case of this class runs a reconcile in that world.)
   */
  @Test
  void theLedgerPageReadsALedgerKeptInPostgres() throws Exception {
    ConsoleWorld world = world(Backend.POSTGRES);
    GroundTruth truth = GroundTruth.read(world.dir.resolve("in.truth.json"));
    long open =
        truth.count(DiscrepancyKind.MISSING_IN_PROCESSOR)
            + truth.count(DiscrepancyKind.MISSING_IN_SALES);

    String page = open(world, Map.of()).get("/ledger").body();

    assertThat(open).isPositive();
    assertThat(page)
        .contains("<td id=\"last-run\">2026-11-24</td>")
        .contains("<td id=\"open-count\">" + open + "</td>")
        .doesNotContain("id=\"ledger-problem\"");
  }

  @Test
  void withoutUsersEveryActionIsRefusedWithHowToAddOne() {
    Http http = open(Map.of());
    http.get("/actions");
    // Not the queues' lengths: the world's worker may finish an earlier test's task and queue its
    // alert meanwhile. What these POSTs would have done is named: a run of a date no other test
    // uses, and a purge of the failed list, which only a purge shortens.
    String date = "2031-01-17";
    long failedBefore = world.failedCount();
    for (String action :
        List.of("/actions/enqueue", "/actions/revoke", "/failed/retry", "/failed/purge")) {
      HttpResponse<String> r = http.post(action, "date", date, "id", "x", "confirm", "purge");
      assertThat(r.statusCode()).as(action).isEqualTo(403);
      assertThat(r.body()).contains("no [web] users are configured", "--hash-password");
    }
    assertThat(http.login(OPERATOR, OPERATOR_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(tasksMentioning(date)).isEmpty();
    assertThat(world.failedCount()).isGreaterThanOrEqualTo(failedBefore);
  }

  /** Ids of the indexed tasks whose arguments hold {@code text}. */
  private static List<String> tasksMentioning(String text) {
    return world.redis.with(
        j ->
            j.zrange("reconciler:tasks", 0, -1).stream()
                .filter(
                    id -> String.valueOf(j.hget("reconciler:task:" + id, "args")).contains(text))
                .toList());
  }

  @Test
  void withUsersEveryPageNeedsALogin() {
    Http http = withUsers();
    HttpResponse<String> r = http.get("/failed");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/login?next=/failed");
    assertThat(http.login(OPERATOR, "wrong-password").statusCode()).isEqualTo(401);
    assertThat(http.login("nobody", OPERATOR_PASSWORD).statusCode()).isEqualTo(401);
    assertThat(http.login(VIEWER, VIEWER_PASSWORD).headers().firstValue("Location")).hasValue("/");
    assertThat(http.get("/failed").statusCode()).isEqualTo(200);

    HttpResponse<String> out = http.post("/logout");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(http.get("/failed").statusCode()).isEqualTo(302);
  }

  @Test
  void aLoginReturnsOnlyToALocalPage() {
    Http http = withUsers();
    for (String next : List.of("//evil.example/x", "/\\evil.example", "https://evil.example/")) {
      http.get("/login");
      HttpResponse<String> r =
          http.post("/login", "name", OPERATOR, "password", OPERATOR_PASSWORD, "next", next);
      assertThat(r.headers().firstValue("Location")).as(next).hasValue("/");
    }
    http.get("/login");
    HttpResponse<String> r =
        http.post("/login", "name", OPERATOR, "password", OPERATOR_PASSWORD, "next", "/runs");
    assertThat(r.headers().firstValue("Location")).hasValue("/runs");
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() {
    Http http = asOperator();
    http.get("/actions");
    String date = "2031-01-18";
    HttpResponse<String> r = http.postRaw("/actions/enqueue", Map.of("date", date));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("CSRF");
    HttpResponse<String> forged =
        http.postRaw("/actions/enqueue", Map.of("date", date, "_csrf", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(tasksMentioning(date)).isEmpty();
    assertThat(http.post("/actions/enqueue", "date", date).statusCode()).isEqualTo(200);
    assertThat(tasksMentioning(date)).hasSize(1);
  }

  @Test
  void aViewerSeesEveryPageButCannotAct() {
    Http http = withUsers();
    http.login(VIEWER, VIEWER_PASSWORD);
    String failed = world.failingTask();
    assertThat(http.get("/").statusCode()).isEqualTo(200);
    assertThat(http.get("/failed").body())
        .contains(failed)
        .doesNotContain("action=\"/failed/retry\"");
    String date = "2031-01-19";
    for (String action :
        List.of(
            "/actions/enqueue",
            "/actions/revoke",
            "/failed/retry",
            "/failed/delete",
            "/failed/purge")) {
      HttpResponse<String> r = http.post(action, "date", date, "id", failed, "confirm", "purge");
      assertThat(r.statusCode()).as(action).isEqualTo(403);
      assertThat(r.body()).contains("viewer");
    }
    // Named effects, not queue lengths, which the world's worker changes meanwhile.
    assertThat(tasksMentioning(date)).isEmpty();
    assertThat(http.get("/failed").body()).contains(failed);
  }

  /**
   * A reconcile of a date before the ledger's pruned history is refused as it is enqueued, with the
   * worker's own reason, instead of failing later on a worker. (Pruning before the world's one run
   * deletes nothing; no other test here runs an earlier date.)
   */
  @Test
  void aDateBeforeThePrunedHistoryIsRefusedWhenEnqueued() throws Exception {
    Path input = world.settings.paths().database();
    try (LedgerLock lock = Ledgers.lock(world.settings, input);
        LedgerStore store = Ledgers.open(world.settings, input, Clock.systemUTC())) {
      store.prune(ConsoleWorld.DAY);
    }
    Http http = asOperator();
    http.get("/actions");
    String before = ConsoleWorld.DAY.minusDays(1).toString();

    HttpResponse<String> refused = http.post("/actions/enqueue", "date", before);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("history before 2026-11-24 was pruned", "a run of 2026-11-23 cannot be made");
    assertThat(tasksMentioning(before)).isEmpty();
  }

  @Test
  void anOperatorEnqueuesRevokesRetriesDeletesAndPurges() {
    Http http = asOperator();
    http.get("/actions");
    HttpResponse<String> enqueued =
        http.post("/actions/enqueue", "date", "2026-11-24", "countdown", "3600");
    assertThat(enqueued.statusCode()).isEqualTo(200);
    String held = taskIdIn(enqueued.body());
    assertThat(world.state(held)).isEqualTo("PENDING");
    assertThat(world.queue.state(held)).containsKey("eta");

    HttpResponse<String> revoked = http.post("/actions/revoke", "id", held);
    assertThat(revoked.body()).contains("revoked " + held + ": removed before it ran");
    assertThat(world.state(held)).isEqualTo("REVOKED");

    String again = world.failingTask();
    http.get("/failed");
    assertThat(http.post("/failed/retry", "id", again).body())
        .contains("sent again as task " + again);
    world.awaitState(again, "FAILURE");

    String gone = world.failingTask();
    long before = world.failedCount();
    http.get("/failed");
    HttpResponse<String> deleted = http.post("/failed/delete", "id", gone);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).contains("deleted failure record of task " + gone);
    assertThat(world.failedCount()).isEqualTo(before - 1);

    world.failingTask();
    http.get("/failed/confirm?action=purge");
    HttpResponse<String> unconfirmed = http.post("/failed/purge", "confirm", "yes");
    assertThat(unconfirmed.statusCode()).isEqualTo(400);
    assertThat(world.failedCount()).isPositive();
    assertThat(http.post("/failed/purge", "confirm", "purge").body()).contains("purged");
    assertThat(world.failedCount()).isZero();
  }

  @Test
  void retryAllSendsEveryFailedTaskAgainAfterATypedConfirmation() {
    Http http = asOperator();
    String one = world.failingTask();
    String two = world.failingTask();
    http.get("/failed/confirm?action=retry-all");
    assertThat(http.post("/failed/retry-all").statusCode()).isEqualTo(400);
    HttpResponse<String> r = http.post("/failed/retry-all", "confirm", "retry");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).containsPattern("sent [0-9]+ failed task");
    world.awaitState(one, "FAILURE");
    world.awaitState(two, "FAILURE");
  }

  @Test
  void aScriptInATaskArgumentIsShownAsText() {
    String failed = world.failingTask();
    Http http = open(Map.of());
    for (String page : List.of("/tasks/" + failed, "/failed", "/tasks?state=FAILURE")) {
      String body = http.get(page).body();
      assertThat(body)
          .as(page)
          .doesNotContain(SCRIPT)
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  }

  @Test
  void withoutUsersAnotherSitesNameForThisHostIsRefused() throws Exception {
    Http http = open(Map.of());
    assertThat(rawGet("127.0.0.1:" + console.port(), "/")).startsWith("HTTP/1.1 200");
    assertThat(rawGet("localhost", "/metrics")).startsWith("HTTP/1.1 200");
    // A page of evil.example re-pointed at 127.0.0.1 (DNS rebinding) reads nothing.
    assertThat(rawGet("evil.example:" + console.port(), "/")).startsWith("HTTP/1.1 403");
    assertThat(rawGet("evil.example", "/metrics")).startsWith("HTTP/1.1 403");
    assertThat(http.get("/").statusCode()).isEqualTo(200);
  }

  /** A GET with this Host header (HttpClient will not send another than the URL's). */
  private String rawGet(String host, String path) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", console.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    Http http = open(Map.of());
    HttpResponse<String> r = http.get("/");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Strict");
    assertThat(r.body()).doesNotContain(world.settings.redis().url());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void theWorkbookDownloadServesOnlyARunsOwnFileInsideTheReportDir(Backend backend)
      throws Exception {
    ConsoleWorld world = world(backend);
    Http http = open(world, Map.of());
    String runId = RunIds.forTask(ConsoleWorld.DAY, world.reconcileId);
    RunRecord run = world.runs.find(runId);
    HttpResponse<byte[]> ok = http.getBytes("/runs/" + runId + "/workbook");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(Files.readAllBytes(Path.of(run.reportPath())));
    assertThat(ok.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");

    Path outside = Files.writeString(world.dir.resolve("outside.xlsx"), "secret");
    Path link = world.settings.paths().reportDir().resolve("link.xlsx");
    Files.createSymbolicLink(link, outside);
    save(world, run, "run-2026-01-01-outside", outside.toString());
    save(world, run, "run-2026-01-02-linked", link.toString());
    save(
        world,
        run,
        "run-2026-01-03-dotdot",
        world.settings.paths().reportDir().resolve("../outside.xlsx").toString());
    for (String id :
        List.of(
            "run-2026-01-01-outside",
            "run-2026-01-02-linked",
            "run-2026-01-03-dotdot",
            "no-such-run")) {
      HttpResponse<byte[]> refused = http.getBytes("/runs/" + id + "/workbook");
      assertThat(refused.statusCode()).as(id).isEqualTo(404);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain("secret");
    }
    assertThat(http.getBytes("/runs/x/workbook?path=" + outside).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aWorkbookStoredInTheDatabaseIsServedWhereItsFileIsNotAndAPrunedOneIsShownSo(Backend backend)
      throws Exception {
    ConsoleWorld world = world(backend);
    Http http = open(world, Map.of());
    RunRecord run = world.runs.find(RunIds.forTask(ConsoleWorld.DAY, world.reconcileId));
    Path copy = world.dir.resolve("from-another-host.xlsx");
    Files.copy(Path.of(run.reportPath()), copy);
    byte[] bytes = Files.readAllBytes(copy);
    WorkbookStore store = RunStores.workbooks(world.settings, world.settings.paths().database());
    for (String id : List.of("run-2026-01-04-stored", "run-2026-01-05-pruned")) {
      save(world, run, id, "/srv/host-b/reports/reconciliation_" + id.substring(4, 14) + ".xlsx");
      store.put(id, copy, run.finishedAt());
    }
    store.markPruned("run-2026-01-05-pruned", "ignored.xlsx", run.finishedAt());
    Files.delete(copy);

    HttpResponse<byte[]> stored = http.getBytes("/runs/run-2026-01-04-stored/workbook");
    HttpResponse<byte[]> pruned = http.getBytes("/runs/run-2026-01-05-pruned/workbook");
    String runs = http.get("/runs").body();

    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored.body()).isEqualTo(bytes);
    assertThat(stored.headers().firstValue("Content-Disposition").orElseThrow())
        .isEqualTo("attachment; filename=\"from-another-host.xlsx\"");
    assertThat(pruned.statusCode()).isEqualTo(404);
    assertThat(runs)
        .contains("/runs/run-2026-01-04-stored/workbook")
        .doesNotContain("/runs/run-2026-01-05-pruned/workbook")
        .containsPattern("(?s)id=\"run-2026-01-05-pruned\".*?class=\"muted pruned\">pruned<");
  }

  /**
   * With [report] store = files every run of a date writes the same file: once a later run wrote
   * its own there, the earlier run offers no download (it would be the later run's workbook, under
   * the earlier run's name), and its page says which run replaced it.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void anEarlierRunWhoseFileALaterRunOfItsDateRewroteOffersNoDownload(Backend backend)
      throws Exception {
    ConsoleWorld world = world(backend);
    Http http = open(world, Map.of());
    RunRecord like = world.runs.find(RunIds.forTask(ConsoleWorld.DAY, world.reconcileId));
    Path file =
        Files.copy(
            Path.of(like.reportPath()),
            world.settings.paths().reportDir().resolve("reconciliation_2026-01-06.xlsx"));
    Instant started = like.startedAt();
    save(world, like, "run-2026-01-06-first", file.toString(), started);
    save(world, like, "run-2026-01-06-again", file.toString(), started.plusMillis(1));
    Files.setLastModifiedTime(file, FileTime.from(started.plusSeconds(1)));

    HttpResponse<byte[]> replaced = http.getBytes("/runs/run-2026-01-06-first/workbook");
    HttpResponse<byte[]> own = http.getBytes("/runs/run-2026-01-06-again/workbook");
    String runs = http.get("/runs").body();

    assertThat(replaced.statusCode()).isEqualTo(404);
    assertThat(new String(replaced.body(), StandardCharsets.UTF_8))
        .contains("run-2026-01-06-again, a later run of 2026-01-06, wrote its own workbook");
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).isEqualTo(Files.readAllBytes(file));
    assertThat(runs)
        .contains("/runs/run-2026-01-06-again/workbook")
        .doesNotContain("/runs/run-2026-01-06-first/workbook");
  }

  private static void save(ConsoleWorld in, RunRecord like, String runId, String reportPath) {
    save(in, like, runId, reportPath, like.startedAt());
  }

  /** A successful run like {@code like} of the date its id names, started at {@code started}. */
  private static void save(
      ConsoleWorld in, RunRecord like, String runId, String reportPath, Instant started) {
    in.runs.save(
        new RunRecord(
            runId,
            java.time.LocalDate.parse(runId.substring(4, 14)),
            started,
            like.finishedAt(),
            "SUCCESS",
            like.counts(),
            like.amounts(),
            like.matchRatePercent(),
            reportPath,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void metricsOverHttpEqualWhatRedisAndTheRunStoreHold(Backend backend) throws Exception {
    ConsoleWorld world = world(backend);
    world.failingTask();
    world.awaitState(world.client.send(TaskCatalog.PING, List.of()), "SUCCESS");
    Http http = open(world, Map.of());
    // The newest finished run is what the metrics describe; the world's worker may finish another
    // test's run meanwhile, so the scrape is taken again until the run store held still around it.
    PromText m;
    RunRecord last;
    int tries = 0;
    do {
      RunRecord before = newestFinishedRun(world);
      HttpResponse<String> r = http.get("/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      m = PromText.parse(r.body());
      last = newestFinishedRun(world);
      if (before.runId().equals(last.runId())) {
        break;
      }
    } while (++tries < 5);
    assertThat(m.value("reconciler_metrics_problems")).isZero();
    assertThat(m.value("reconciler_jobs_failed")).isEqualTo((double) world.failedCount());
    assertThat(m.value("reconciler_queue_length", "queue", "reconcile"))
        .isEqualTo((double) world.redis.with(j -> j.llen("resque:queue:reconcile")));
    assertThat(m.value("reconciler_workers_alive")).isEqualTo(1.0);
    Map<String, String> ping = world.redis.with(j -> j.hgetAll("reconciler:stats:ping"));
    assertThat(m.value("reconciler_tasks_total", "task", "ping", "outcome", "succeeded"))
        .isEqualTo(Double.valueOf(ping.get("succeeded")));
    if (last.matchRatePercent() == null) {
      assertThat(m.value("reconciler_last_run_match_ratio")).isNull();
    } else {
      assertThat(m.value("reconciler_last_run_match_ratio"))
          .isCloseTo(last.matchRatePercent().doubleValue() / 100, within(1e-9));
    }
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      Long n = last.counts().get(kind.id());
      assertThat(m.value("reconciler_last_run_discrepancies", "kind", kind.id()))
          .as(kind.id())
          .isEqualTo(n == null ? null : n.doubleValue());
    }
  }

  private static RunRecord newestFinishedRun(ConsoleWorld in) {
    return in.runs.recent(20).stream()
        .filter(x -> x.finishedAt() != null)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void metricsNeedAUserOnlyWhenMetricsAuthSaysSo() {
    Http open = withUsers();
    assertThat(open.get("/metrics").statusCode()).isEqualTo(200);
    console.close();
    Http guarded =
        open(Map.of("RECONCILER_WEB_USERS", USERS, "RECONCILER_WEB_METRICS_AUTH", "true"));
    HttpResponse<String> refused = guarded.get("/metrics");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
    String basic =
        Base64.getEncoder()
            .encodeToString((VIEWER + ":" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> ok =
        guarded.send(
            HttpRequest.newBuilder(URI.create(guarded.base() + "/metrics"))
                .header("Authorization", "Basic " + basic));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("reconciler_jobs_failed");
  }

  @Test
  void theOverviewChartCountsTheLastHoursOutcomesPerMinute() {
    world.awaitState(world.client.send(TaskCatalog.PING, List.of()), "SUCCESS");
    Http http = open(Map.of());
    long minute = Instant.now().getEpochSecond() / 60 * 60;
    // The worker flushes its counts within a second of going idle.
    String none = "&#34;succeeded&#34;:[" + "0,".repeat(59) + "0]";
    org.awaitility.Awaitility.await()
        .atMost(ConsoleWorld.LONG)
        .until(() -> !http.get("/").body().contains(none));
    assertThat(http.get("/").body())
        .contains("&#34;t&#34;:[" + (minute - 59 * 60) + ",")
        .containsPattern("," + minute + "],|," + (minute + 60) + "],");
  }

  @Test
  void withAKeystoreItSpeaksHttpsOnlyAndTheCookieIsSecure() throws Exception {
    Path keystore = world.dir.resolve("web.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "web",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "keystore-pw",
                "-keypass",
                "keystore-pw")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).isZero();
    console =
        world.console(
            Map.of(
                "RECONCILER_WEB_TLS_KEYSTORE",
                keystore.toString(),
                "RECONCILER_WEB_TLS_KEYSTORE_PASSWORD",
                "keystore-pw"));
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      trust.load(in, "keystore-pw".toCharArray());
    }
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
    HttpResponse<String> r =
        https.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + console.port() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    assertThat(console.url("127.0.0.1")).startsWith("https://");
    int plain;
    try {
      plain =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
    } catch (java.io.IOException e) {
      plain = -1; // the TLS port does not speak plain HTTP
    }
    assertThat(plain).isNotEqualTo(200);
  }

  /** Waiting jobs and delayed ones together. */
  private static String taskIdIn(String body) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("as task ([0-9a-f-]{36})").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }
}
