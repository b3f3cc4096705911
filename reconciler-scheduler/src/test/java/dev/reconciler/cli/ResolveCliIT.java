package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.ledger.PgLedgerStore;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputRowWriter;
import dev.reconciler.core.store.Postgres;
import dev.reconciler.it.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * resolve, unresolve and ledger on a real store that reconcile has given open items: the cases that
 * read or change the ledger on SQLite and on PostgreSQL; those refused before the ledger is read
 * (bad arguments, a file without its columns, --db naming a missing SQLite file, which PostgreSQL
 * ignores) and the default of --by on SQLite alone.
 */
class ResolveCliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final LocalDate D4 = D1.plusDays(3);

  /** The id of a sale of D4 that goes unpaid by the processor: longer than a terminal's line. */
  private static final String LONG_ID = "T-LONG-" + "0123456789".repeat(30);

  @TempDir Path dir;
  private Path db;
  private Path config;

  /**
   * The test's store with the rows of three days, and the open items of reconciling the first:
   * config and input on this backend.
   */
  private void openItemsAfterTheFirstDay(Backend backend) throws Exception {
    db = dir.resolve("in.db");
    config =
        Files.writeString(
            dir.resolve("config.ini"),
            String.join(
                "\n",
                "[paths]",
                "database = " + db,
                "log_dir = " + dir.resolve("logs"),
                "report_dir = " + dir.resolve("reports"),
                "[reconciliation]",
                "settlement_window_days = 1",
                backend.ini(pg)));
    try (InputRowWriter rows = backend.tables(settings(), db)) {
      // D1: one pair; two sales and one processor row without their other half stay open.
      rows.sale("T-1", "O-1", "C-1", "10.00", "USD", "paid", "2026-11-24T09:00:00Z");
      rows.sale("T-2", "O-2", "C-1", "5.00", "USD", "paid", "2026-11-24T10:00:00Z");
      rows.sale("T-3", "O-3", "C-2", "7.50", "EUR", "paid", "2026-11-24T11:00:00Z");
      rows.sale("T-5", "O-5", "C-3", "3.00", "USD", "paid", "2026-11-25T11:00:00Z");
      rows.sale("T-6", "O-6", "C-3", "4.00", "USD", "paid", "2026-11-26T11:00:00Z");
      rows.sale(LONG_ID, "O-7", "C-4", "2.00", "USD", "paid", "2026-11-27T11:00:00Z");
      rows.processorTransaction("P-1", "t-1", 10.0, "USD", 0.3, "settled", "2026-11-24T09:00:02Z");
      rows.processorTransaction("P-4", "T-4", 20.0, "USD", 0.6, "settled", "2026-11-24T12:00:00Z");
      rows.processorTransaction("P-5", "T-5", 3.0, "USD", 0.1, "settled", "2026-11-25T11:00:02Z");
      rows.processorTransaction("P-6", "T-6", 4.0, "USD", 0.1, "settled", "2026-11-26T11:00:02Z");
      rows.commit();
    }
    CliRunner.Run reconciled =
        cli("reconcile", "--date", D1.toString(), "--out", dir.resolve("reports").toString());
    assertThat(reconciled.code()).as(reconciled.err()).isZero();
    backend.assertKeptEverything(db);
  }

  private CliRunner.Run cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = config.toString();
    return CliRunner.run(all);
  }

  private static void assertOneLineUserError(CliRunner.Run r, String... fragments) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("reconciler: error: ").doesNotContain("\tat ");
    assertThat(r.err()).contains(fragments);
  }

  private Settings settings() {
    return SettingsLoader.load(config, Map.of());
  }

  private LedgerStore store() {
    return Ledgers.open(settings(), db, Clock.systemUTC());
  }

  /** A run in this process, for its result: what the report's sheets are written from. */
  private List<Resolution> reconcileAndListResolved(LocalDate date) {
    return new ReconcileService(settings(), Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(date, "run-" + date, db, dir.resolve("reports")))
        .result()
        .ledger()
        .resolved();
  }

  private List<String> openIds() {
    try (LedgerStore ledger = store()) {
      return ledger.openNow().stream().map(OpenItem::transactionId).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void ledgerListsTheOpenItemsWithAgeAndState(Backend backend) throws Exception {
    openItemsAfterTheFirstDay(backend);
    CliRunner.Run r = cli("ledger");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Open items after the run of 2026-11-24: 3")
        .containsPattern("sales\\s+T-2\\s+2026-11-24\\s+0\\s+in transit\\s+5.00 USD")
        .containsPattern("sales\\s+T-3\\s+2026-11-24\\s+0\\s+in transit\\s+7.50 EUR")
        .containsPattern("processor\\s+T-4\\s+2026-11-24\\s+0\\s+in transit\\s+20.00 USD")
        .doesNotContain("T-1");
  }

  /** An operator resolves what 'ledger' lists by copying its id: the id is shown whole. */
  @Test
  void ledgerShowsALongIdWholeSoItCanBeResolvedFromTheListing() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    assertThat(cli("reconcile", "--date", D4.toString()).code()).isZero();

    CliRunner.Run listed = cli("ledger");

    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out())
        .containsPattern("sales\\s+" + LONG_ID + "\\s+2026-11-27\\s+0\\s+in transit\\s+2.00 USD");
    CliRunner.Run resolved =
        cli("resolve", "--source", "sales", "--id", LONG_ID, "--as", "explained", "--note", "n");
    assertThat(resolved.code()).as(resolved.err()).isZero();
    assertThat(resolved.out()).contains("Resolved sales item " + LONG_ID + " as explained");
    assertThat(openIds()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void ledgerShowsItemsGoneMissingAndDatesARerunMadeStale(Backend backend) throws Exception {
    openItemsAfterTheFirstDay(backend);
    reconcileAndListResolved(D2);
    assertThat(cli("ledger").out())
        .contains("Open items after the run of 2026-11-25: 3")
        .containsPattern("sales\\s+T-3\\s+2026-11-24\\s+1\\s+missing\\s+7.50 EUR");

    reconcileAndListResolved(D1);
    CliRunner.Run r = cli("ledger");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Open items after the run of 2026-11-24: 3")
        .contains("Stale dates (an earlier date was rerun): 2026-11-25");
  }

  /**
   * ledger --prune-before deletes the history under the ledger's lock and says what it deleted; the
   * listing says from when; a run before that date is then refused in one line, and so is its
   * enqueue, while one from it runs. (Which rows a prune deletes is the stores' contract, on both
   * databases.)
   */
  @Test
  void ledgerPruneBeforeDeletesTheOldHistoryAndRunsBeforeItAreRefused() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    reconcileAndListResolved(D2);
    reconcileAndListResolved(D3);

    CliRunner.Run pruned = cli("ledger", "--prune-before", D3.toString());

    assertThat(pruned.code()).as(pruned.err()).isZero();
    assertThat(pruned.out())
        .containsPattern(
            "Pruned the ledger's history before 2026-11-26: [0-9,]+ cleared item\\(s\\) and"
                + " [0-9,]+ unpaid sale\\(s\\) deleted")
        .contains("History pruned before 2026-11-26: runs of earlier dates cannot be made")
        .contains("Open items after the run of 2026-11-26");
    try (LedgerStore store = store()) {
      assertThat(store.prunedBefore()).contains(D3);
    }
    assertOneLineUserError(
        cli("reconcile", "--date", D2.toString(), "--out", dir.resolve("reports").toString()),
        "the ledger's history before 2026-11-26 was pruned",
        "a run of 2026-11-25 cannot be made");
    // Refused as it is enqueued too, before the queue is reached (none is running here).
    assertOneLineUserError(
        cli("enqueue", "reconcile", "--date", D2.toString()),
        "the ledger's history before 2026-11-26 was pruned",
        "a run of 2026-11-25 cannot be made");
    CliRunner.Run again =
        cli("reconcile", "--date", D3.toString(), "--out", dir.resolve("reports").toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertOneLineUserError(
        cli("ledger", "--prune-before", D4.toString()),
        "cannot prune before 2026-11-27: the latest run is of 2026-11-26");
    assertOneLineUserError(
        cli("ledger", "--prune-before", "soon"), "--prune-before 'soon' is not a date");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aResolvedItemLeavesTheLedgerAndShowsOnceOnTheNextRun(Backend backend) throws Exception {
    openItemsAfterTheFirstDay(backend);
    CliRunner.Run resolved =
        cli(
            "resolve",
            "--source",
            "sales",
            "--id",
            " t-2 ",
            "--as",
            "written_off",
            "--note",
            "refunded by bank transfer",
            "--by",
            "ann");

    assertThat(resolved.code()).as(resolved.err()).isZero();
    assertThat(resolved.out().strip())
        .isEqualTo(
            "Resolved sales item T-2 as written_off: 5.00 USD, opened on 2026-11-24; it shows on"
                + " the Resolved sheet of the next run");
    assertThat(cli("ledger").out()).doesNotContain("T-2").contains("T-3", "T-4");

    List<Resolution> shown = reconcileAndListResolved(D2);
    assertThat(shown).hasSize(1);
    Resolution r = shown.get(0);
    assertThat(r.source()).isEqualTo(Source.SALES);
    assertThat(r.transactionId()).isEqualTo("T-2");
    assertThat(r.as()).isEqualTo(Resolution.Outcome.WRITTEN_OFF);
    assertThat(r.note()).isEqualTo("refunded by bank transfer");
    assertThat(r.by()).isEqualTo("ann");
    assertThat(r.openedOn()).isEqualTo(D1);
    assertThat(openIds()).containsExactly("T-3", "T-4");

    assertThat(reconcileAndListResolved(D3)).as("shown once").isEmpty();
    assertThat(openIds()).containsExactly("T-3", "T-4");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aResolvedItemThatARerunMatchesIsNotOnTheNextRunsResolvedSheet(Backend backend)
      throws Exception {
    openItemsAfterTheFirstDay(backend);
    assertThat(
            cli("resolve", "--source", "sales", "--id", "T-2", "--as", "explained", "--note", "x")
                .code())
        .isZero();
    // T-2's processor row comes late, is loaded into its day, and the day is run again.
    // PostgreSQL's table numbers its rows in a column; SQLite's rowid does.
    boolean pg = backend == Backend.POSTGRES;
    backend.exec(
        settings(),
        db,
        "INSERT INTO processor_transactions ("
            + (pg ? "line, " : "")
            + "processor_ref, transaction_id, amount, currency, fee, status, processed_at) VALUES ("
            + (pg ? "100, " : "")
            + "'P-2', 'T-2', 5.00, 'USD', 0.1, 'settled', '2026-11-24T10:00:02Z')");
    CliRunner.Run rerun =
        cli("reconcile", "--date", D1.toString(), "--out", dir.resolve("reports").toString());
    assertThat(rerun.code()).as(rerun.err()).isZero();

    assertThat(reconcileAndListResolved(D2)).as("matched on D1, not resolved").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void afterADateThatStartedEmptyTheItemsOpenBeforeItAreNotOpenAgain(Backend backend)
      throws Exception {
    openItemsAfterTheFirstDay(backend);
    // D2 is never run: D3 starts from an empty ledger, and its own pair matches.
    CliRunner.Run d3 =
        cli("reconcile", "--date", D3.toString(), "--out", dir.resolve("reports").toString());
    assertThat(d3.code()).as(d3.err()).isZero();

    assertThat(cli("ledger").out()).contains("Open items after the run of " + D3 + ": 0");
    assertThat(openIds()).isEmpty();
  }

  @Test
  void byDefaultsToTheOsUser() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    CliRunner.Run r =
        cli("resolve", "--source", "processor", "--id", "T-4", "--as", "explained", "--note", "x");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(reconcileAndListResolved(D2).get(0).by()).isEqualTo(System.getProperty("user.name"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void unresolvePutsTheItemBack(Backend backend) throws Exception {
    openItemsAfterTheFirstDay(backend);
    cli("resolve", "--source", "sales", "--id", "T-3", "--as", "explained", "--note", "paid cash");
    assertThat(openIds()).containsExactly("T-2", "T-4");

    CliRunner.Run r = cli("unresolve", "--source", "sales", "--id", "t-3");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Put back sales item T-3 (7.50 EUR, opened on 2026-11-24)");
    assertThat(openIds()).containsExactly("T-2", "T-3", "T-4");
    assertThat(reconcileAndListResolved(D2)).isEmpty();
    assertOneLineUserError(
        cli("unresolve", "--source", "sales", "--id", "T-3"), "sales item T-3 is resolved");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void resolvingAnItemNotOpenIsRefusedInOneLineNamingIt(Backend backend) throws Exception {
    openItemsAfterTheFirstDay(backend);
    assertOneLineUserError(
        cli("resolve", "--source", "sales", "--id", "T-1", "--as", "explained", "--note", "x"),
        "no sales item T-1 is open");
    assertOneLineUserError(
        cli("resolve", "--source", "processor", "--id", "T-2", "--as", "explained", "--note", "x"),
        "no processor item T-2 is open");
    cli("resolve", "--source", "sales", "--id", "T-2", "--as", "explained", "--note", "x");
    assertOneLineUserError(
        cli("resolve", "--source", "sales", "--id", "T-2", "--as", "explained", "--note", "x"),
        "no sales item T-2 is open");
  }

  @Test
  void badArgumentsAreOneLine() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    assertOneLineUserError(
        cli("resolve", "--source", "bank", "--id", "T-2", "--as", "explained", "--note", "x"),
        "--source 'bank' is not one of: sales, processor");
    assertOneLineUserError(
        cli("resolve", "--source", "sales", "--id", "T-2", "--as", "lost", "--note", "x"),
        "--as 'lost' is not one of: explained, written_off");
    assertOneLineUserError(
        cli("resolve", "--source", "sales", "--id", "T-2", "--as", "explained", "--note", "  "),
        "--note is blank");
    assertOneLineUserError(
        cli("resolve", "--source", "sales", "--id", "T-2", "--as", "explained"), "--note");
    assertOneLineUserError(
        cli(
            "resolve",
            "--db",
            dir.resolve("nope.db").toString(),
            "--source",
            "sales",
            "--id",
            "T-2",
            "--as",
            "explained",
            "--note",
            "x"),
        "database not found",
        "nope.db");
    assertOneLineUserError(
        cli("ledger", "--db", dir.resolve("nope.db").toString()), "database not found");
    assertThat(openIds()).containsExactly("T-2", "T-3", "T-4");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aFileWithOneBadLineResolvesNothingAndListsEveryBadLine(Backend backend) throws Exception {
    openItemsAfterTheFirstDay(backend);
    Path file =
        Files.writeString(
            dir.resolve("resolutions.csv"),
            String.join(
                "\n",
                "source,transaction_id,as,note,by",
                "sales,t-2,written_off,refunded by bank transfer,ann",
                "sales,T-1,explained,matched already,",
                "processor,T-4,explained,\"fee, reversed\",",
                "sales,T-2,explained,again,",
                "bank,T-3,explained,x,",
                "sales,T-3,explained, ,",
                ""));

    CliRunner.Run r = cli("resolve", "--file", file.toString());

    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .containsExactly(
            file
                + ": line 3: sales item T-1 is not open now (already cleared, resolved, or never"
                + " unmatched)",
            file + ": line 5: sales item T-2 is named twice: line 2 already resolves it",
            file + ": line 6: source 'bank' is not one of: sales, processor",
            file + ": line 7: note is blank: say why the item is closed",
            "reconciler: error: nothing resolved: 4 of 6 line(s) refused (listed above); fix them"
                + " and resolve the file again");
    assertThat(openIds()).containsExactly("T-2", "T-3", "T-4");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aGoodFileResolvesEveryLineInOneGo(Backend backend) throws Exception {
    openItemsAfterTheFirstDay(backend);
    Path file =
        Files.writeString(
            dir.resolve("resolutions.csv"),
            "transaction_id,source,note,as\r\n"
                + "t-2,sales,refunded by bank transfer,written_off\r\n"
                + "T-4,processor,\"fee, reversed\",explained\r\n");

    CliRunner.Run r = cli("resolve", "--file", file.toString(), "--by", "bob");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Resolved sales item T-2 as written_off: 5.00 USD")
        .contains("Resolved processor item T-4 as explained: 20.00 USD")
        .contains("Resolved 2 item(s) from " + file);
    assertThat(openIds()).containsExactly("T-3");
    List<Resolution> shown = reconcileAndListResolved(D2);
    assertThat(shown).extracting(Resolution::transactionId).containsExactly("T-4", "T-2");
    assertThat(shown).extracting(Resolution::by).containsOnly("bob");
    assertThat(shown).extracting(Resolution::note).contains("fee, reversed");
  }

  /**
   * A note whose quote is never closed took the resolutions after it into that note: T-2 was
   * resolved with them as its text, and T-4 and T-3 were never seen. Now the file is refused.
   */
  @Test
  void aQuoteNeverClosedResolvesNothingAndNamesTheLinesItTook() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    Path file =
        Files.writeString(
            dir.resolve("resolutions.csv"),
            "source,transaction_id,as,note\n"
                + "sales,t-2,written_off,\"refunded by bank transfer\n"
                + "processor,T-4,explained,fee reversed\n"
                + "sales,T-3,explained,duplicate order\n");

    CliRunner.Run r = cli("resolve", "--file", file.toString());

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .containsExactly(
            file
                + ": line 2: unclosed quote? cell runs from line 2 to line 4: a resolution is one"
                + " line, so lines 3 to 4 were not read as resolutions",
            "reconciler: error: nothing resolved: 1 of 1 line(s) refused (listed above); fix them"
                + " and resolve the file again");
    assertThat(openIds()).containsExactly("T-2", "T-3", "T-4");
  }

  @Test
  void aFileWithoutTheRequiredColumnsIsRefusedWhole() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    Path file = Files.writeString(dir.resolve("r.csv"), "source,id,note\nsales,T-2,x\n");
    assertOneLineUserError(
        cli("resolve", "--file", file.toString()), "missing required columns", "'transaction_id'");
    assertOneLineUserError(
        cli("resolve", "--file", dir.resolve("none.csv").toString()), "not found", "none.csv");
    assertOneLineUserError(
        cli("resolve", "--file", file.toString(), "--source", "sales"), "either --file");
  }

  /**
   * The ledger names its input by path: a database moved to a new path starts from an empty ledger
   * and says where its old one is, and 'ledger --move-from' takes that one over.
   */
  @Test
  void aMovedDatabaseTakesItsLedgerOverFromItsOldPath() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    String old = db.toRealPath().toString();
    Path moved = Files.move(db, dir.resolve("moved.db"));
    String out = dir.resolve("reports").toString();

    CliRunner.Run listed = cli("ledger", "--db", moved.toString());
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("No run recorded", old + "  (2026-11-24)", "reconciler ledger --move-from");

    CliRunner.Run empty =
        cli("reconcile", "--date", D2.toString(), "--db", moved.toString(), "--out", out);
    assertThat(empty.code()).as(empty.err()).isZero();
    assertThat(empty.out())
        .contains("ledger started empty: no run for 2026-11-24")
        .contains("'reconciler ledger --move-from " + old + " --replace'");

    assertOneLineUserError(
        cli("ledger", "--db", moved.toString(), "--move-from", old),
        "1 run(s) of " + moved.toRealPath(),
        "--replace");
    CliRunner.Run taken = cli("ledger", "--db", moved.toString(), "--move-from", old, "--replace");
    assertThat(taken.code()).as(taken.err()).isZero();
    assertThat(taken.out())
        .contains("Took over the ledger of " + old + ": 1 run(s), 3 item(s), 0 resolution(s).")
        .contains("reconcile --from 2026-11-25 --to 2026-11-25")
        .contains("Open items after the run of 2026-11-24: 3");

    CliRunner.Run again =
        cli("reconcile", "--date", D2.toString(), "--db", moved.toString(), "--out", out);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).doesNotContain("ledger started empty");
    assertThat(cli("ledger", "--db", moved.toString()).out())
        .contains("Open items after the run of 2026-11-25")
        .containsPattern("sales\\s+T-2\\s+2026-11-24\\s+1\\s+missing");
  }

  /** A database still at the old path was not moved: its ledger is not taken from it. */
  @Test
  void aLedgerIsNotTakenOverFromADatabaseStillThere() throws Exception {
    openItemsAfterTheFirstDay(Backend.SQLITE);
    String old = db.toRealPath().toString();
    Path copy = Files.copy(db, dir.resolve("copy.db"));

    assertOneLineUserError(
        cli("ledger", "--db", copy.toString(), "--move-from", old, "--replace"),
        old + " is still there",
        "its ledger stays its own");

    assertThat(cli("ledger", "--db", old).out())
        .contains("Open items after the run of 2026-11-24: 3");
    assertThat(cli("ledger", "--db", copy.toString()).out()).contains("No run recorded");
  }

  /**
   * On PostgreSQL the ledger is named by the database and the sales table: a table renamed takes
   * its ledger over by that name, given as it is (not as a path).
   */
  @Test
  void aRenamedSalesTableTakesItsLedgerOverByItsOldName() throws Exception {
    openItemsAfterTheFirstDay(Backend.POSTGRES);
    String old = PgLedgerStore.inputName(settings().database());
    try (Connection c = Postgres.connect(settings().database());
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE sales RENAME TO sales_v2");
    }
    Files.writeString(
        config,
        Files.readString(config).replace("[database]\n", "[database]\nsales_table = sales_v2\n"));
    assertThat(PgLedgerStore.inputName(settings().database())).isEqualTo(old + "_v2");

    CliRunner.Run taken = cli("ledger", "--move-from", old);

    assertThat(taken.code()).as(taken.err()).isZero();
    assertThat(taken.out())
        .contains("Took over the ledger of " + old + ": 1 run(s), 3 item(s), 0 resolution(s).")
        .contains("Open items after the run of 2026-11-24: 3");
  }
}
