package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputRowWriter;
import dev.reconciler.it.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CLI as a user meets it: exit codes, one-line errors, no stack traces, output where asked. A
 * reconcile of the contract's tables and their missing table or column on SQLite and PostgreSQL;
 * the other input refusals are about the SQLite file --db names (missing, not SQLite, a view, no
 * rowid, read-only), which PostgreSQL does not use.
 */
class CliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  /** Where the input is: SQLite unless a case on both backends says otherwise. */
  private Backend backend = Backend.SQLITE;

  /** The overrides reaching {@link #backend}'s store, the config's [database] section. */
  private Map<String, String> store = Map.of();

  private void on(Backend backend) throws Exception {
    this.backend = backend;
    this.store = backend.env(pg);
  }

  private static CliRunner.Run run(String... args) {
    return CliRunner.run(args);
  }

  /**
   * reconcile 2026-11-24 from {@code db} into {@code out}, with the test's config: window 0, so a
   * sale without its processor row is missing on the day, not in transit.
   */
  private CliRunner.Run reconcile(Path db, Path out) throws Exception {
    return run(
        "reconcile",
        "--config",
        config("[reconciliation]\nsettlement_window_days = 0\n").toString(),
        "--db",
        db.toString(),
        "--date",
        "2026-11-24",
        "--out",
        out.toString());
  }

  private Path config(String extra) throws Exception {
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini, "[paths]\nlog_dir = " + dir.resolve("logs") + "\n" + extra + Backend.ini(store));
    return ini;
  }

  private static void assertOneLineUserError(CliRunner.Run r, String... fragments) {
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("reconciler: error: ")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    for (String f : fragments) {
      assertThat(r.err()).contains(f);
    }
  }

  /** The contract's tables with a column upstream added, holding a pair and a lone dirty sale. */
  private Path contractDatabase() throws Exception {
    Path db = dir.resolve("upstream.db");
    try (InputRowWriter rows = backend.tables(settings(), db)) {
      rows.sale("T-1", "O-1", "C-1", "10.00", "USD", "completed", "2026-11-24T09:00:00Z");
      rows.sale("T-2", "O-2", "C-1", " $5.00 ", "USD", "paid", "2026-11-24T10:00:00Z");
      rows.processorTransaction("P-1", "t-1", 10.0, "USD", 0.59, "settled", "2026-11-24T09:00:02Z");
      rows.commit();
    }
    sql(db, "ALTER TABLE sales ADD COLUMN region TEXT", "UPDATE sales SET region = 'eu'");
    return db;
  }

  private Settings settings() {
    return SettingsLoader.load(null, store);
  }

  @Test
  void helpListsTheCommands() {
    CliRunner.Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "generate",
            "reconcile",
            "worker",
            "scheduler",
            "enqueue",
            "status",
            "inspect",
            "failed",
            "demo");
  }

  @Test
  void aSubcommandsOwnHelpListsItsOptions() {
    CliRunner.Run r = run("reconcile", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: reconciler reconcile", "--date", "--db", "--out");
  }

  @Test
  void aNegativeDemoSizeIsOneLine() throws Exception {
    assertOneLineUserError(
        run("demo", "--config", config("").toString(), "-n", "-1"),
        "--transactions must be 0 or more, not -1");
  }

  @Test
  void aMistypedCommandIsRejectedWithTheNearestCommands() {
    CliRunner.Run r = run("reconcil", "--date", "2026-11-24");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("reconcil").contains("reconcile");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void reconcilesAnyContractDatabaseIntoTheGivenDirectory(Backend backend) throws Exception {
    on(backend);
    Path db = contractDatabase();
    CliRunner.Run r = reconcile(db, dir.resolve("out"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("matched", "missing in processor").contains("match rate 50.00%");
    assertThat(dir.resolve("out/reconciliation_2026-11-24.xlsx")).isRegularFile();
  }

  @Test
  void aMissingDatabaseIsOneLine() throws Exception {
    assertOneLineUserError(reconcile(dir.resolve("nope.db"), dir), "database not found", "nope.db");
    assertThat(dir.resolve("nope.db")).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aMissingTableOrColumnIsOneLine(Backend backend) throws Exception {
    on(backend);
    Path db = contractDatabase();
    sql(db, "ALTER TABLE processor_transactions DROP COLUMN fee");
    assertOneLineUserError(reconcile(db, dir), "processor_transactions", "no column 'fee'");
    sql(db, "DROP TABLE sales");
    assertOneLineUserError(reconcile(db, dir), "table 'sales' not found");
  }

  @Test
  void anUnparseableConfigValueNamesFileSectionAndKey() throws Exception {
    Path ini = config("[reconciliation]\namount_tolerance = one cent\n");
    assertOneLineUserError(
        run("reconcile", "--config", ini.toString(), "--date", "2026-11-24"),
        ini.toAbsolutePath().toString(),
        "[reconciliation] amount_tolerance = 'one cent'");
  }

  @Test
  void aBadDateIsOneLine() throws Exception {
    assertOneLineUserError(
        run("reconcile", "--config", config("").toString(), "--date", "24/11/2026"),
        "--date '24/11/2026' is not a date");
  }

  @Test
  void operatorCommandsRefuseAPrivateEmbeddedRedis() throws Exception {
    assertOneLineUserError(
        run("inspect", "--config", config("").toString()), "[redis] url is 'embedded'");
  }

  @Test
  void verboseShowsTheStackTrace() throws Exception {
    CliRunner.Run r =
        run(
            "reconcile",
            "--verbose",
            "--config",
            config("").toString(),
            "--db",
            dir.resolve("x.db").toString());
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void aFileThatIsNotSqliteIsOneLine() throws Exception {
    Path notSqlite = Files.writeString(dir.resolve("sales.csv"), "transaction_id,amount\nT-1,10\n");
    assertOneLineUserError(
        reconcile(notSqlite, dir.resolve("out")), "sales.csv is not a SQLite database");
  }

  @Test
  void aViewAsTheInputTableIsOneLine() throws Exception {
    Path db = contractDatabase();
    sql(
        db,
        "ALTER TABLE sales RENAME TO sales_data",
        "CREATE VIEW sales AS SELECT * FROM sales_data");
    assertOneLineUserError(reconcile(db, dir.resolve("out")), "'sales'", "is a view");
  }

  @Test
  void aWithoutRowidInputTableIsOneLine() throws Exception {
    Path db = contractDatabase();
    sql(
        db,
        "CREATE TABLE p2 (processor_ref TEXT, transaction_id TEXT PRIMARY KEY, amount, currency TEXT,"
            + " fee, status TEXT, processed_at TEXT) WITHOUT ROWID",
        "INSERT INTO p2 SELECT * FROM processor_transactions",
        "DROP TABLE processor_transactions",
        "ALTER TABLE p2 RENAME TO processor_transactions");
    assertOneLineUserError(
        reconcile(db, dir.resolve("out")), "'processor_transactions'", "has no rowid");
  }

  @Test
  void aReadOnlyDatabaseFailsBeforeAnyWorkInOneLine() throws Exception {
    Path db = contractDatabase();
    // SQLite opens a file whose header asks for a newer write format read-only (file format,
    // section 1.3.3): a read-only database that even root, who ignores file modes, cannot write.
    try (java.nio.channels.FileChannel f =
        java.nio.channels.FileChannel.open(db, java.nio.file.StandardOpenOption.WRITE)) {
      f.write(java.nio.ByteBuffer.wrap(new byte[] {3}), 18);
    }
    Path out = dir.resolve("out");
    assertOneLineUserError(reconcile(db, out), "upstream.db is read-only");
    assertThat(out.resolve("reconciliation_2026-11-24.xlsx")).doesNotExist();
  }

  @Test
  void aReportDirectoryThatCannotBeMadeFailsBeforeAnyWorkInOneLine() throws Exception {
    Path db = contractDatabase();
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    for (Path out : new Path[] {file, file.resolve("sub")}) {
      assertOneLineUserError(reconcile(db, out), "report directory", out.toString());
    }
    assertThat(file).hasContent("x");
  }

  @Test
  void anAmountToleranceNoAmountCanHoldIsRejectedAtConfigLoad() throws Exception {
    Path ini = config("[reconciliation]\namount_tolerance = 1e309\n");
    assertOneLineUserError(
        reconcile(contractDatabase(), dir.resolve("out"), ini),
        ini.toAbsolutePath().toString(),
        "[reconciliation] amount_tolerance = '1e309'");
  }

  @Test
  void aCronExpressionThatNeverFiresStopsTheSchedulerWithExit2() throws Exception {
    for (String cron : new String[] {"0 0 6 30 2 ?", "0 0 6 * * ? 2020"}) {
      Path ini = config("[schedule]\ncron = " + cron + "\n");
      assertOneLineUserError(
          run("scheduler", "--config", ini.toString()),
          "[schedule] cron = '" + cron + "'",
          "never fires");
    }
  }

  private CliRunner.Run reconcile(Path db, Path out, Path ini) {
    return run(
        "reconcile",
        "--config",
        ini.toString(),
        "--db",
        db.toString(),
        "--date",
        "2026-11-24",
        "--out",
        out.toString());
  }

  private void sql(Path db, String... statements) throws Exception {
    for (String statement : statements) {
      backend.exec(settings(), db, statement);
    }
  }
}
