package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.it.Backend;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskPayloads;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * import and enqueue import as an operator runs them, on files of the generic csv format in its
 * default [import.csv] mapping. What imports runs on SQLite and on PostgreSQL; the refusals of the
 * file and of enqueue import come before any database.
 */
class ImportCliIT {
  private static final String HEADER = "id,type,amount,fee,currency,created_at,transaction_id";
  private static final String AT = "2026-11-24T10:15:30Z";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private Path db;
  private String config;
  private Backend backend;

  /** The [database] section putting the tables in the backend's store; empty on SQLite. */
  private String store;

  private Settings settings;

  /** A sales table in the backend's store, which import leaves alone, and no processor table. */
  private void on(Backend backend) throws Exception {
    this.backend = backend;
    Map<String, String> env = backend.env(pg);
    store = Backend.ini(env);
    settings = SettingsLoader.load(null, env);
    db = dir.resolve("data/in.db");
    Files.createDirectories(db.getParent());
    backend.exec(settings, db, "CREATE TABLE sales(transaction_id TEXT, amount TEXT)");
    config = config("");
  }

  private String config(String extra) throws Exception {
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini,
        "[paths]\ndata_dir = "
            + dir.resolve("data")
            + "\ndatabase = "
            + db
            + "\nlog_dir = "
            + dir.resolve("logs")
            + "\n"
            + extra
            + store);
    return ini.toString();
  }

  private CliRunner.Run cli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--config", config));
    return CliRunner.run(all.toArray(String[]::new));
  }

  private Path export(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, HEADER + "\n" + String.join("\n", lines) + "\n");
    return file;
  }

  /** import of {@code files} as csv, all after one --file. */
  private CliRunner.Run importFiles(Path... files) {
    List<String> args = new ArrayList<>(List.of("import", "--format", "csv", "--file"));
    Arrays.stream(files).map(Path::toString).forEach(args::add);
    return cli(args.toArray(String[]::new));
  }

  private static void assertOneLineUserError(CliRunner.Run r, String message) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip()).isEqualTo("reconciler: error: " + message);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void printsRowsPerTypeThenAlreadyPresentOnASecondImport(Backend backend) throws Exception {
    on(backend);
    Path file =
        export(
            "settlement.csv",
            "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1",
            "ch_2,payment,20.00,0.88,USD," + AT + ",TXN-2",
            "re_1,refund,-5.00,0.00,USD," + AT + ",TXN-1");

    CliRunner.Run first = cli("import", "--format", "csv", "--file", file.toString());
    CliRunner.Run second = cli("import", "--format", "csv", "--file", file.toString());

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out().lines())
        .startsWith(
            "csv file settlement.csv: 3 rows imported, 0 already present, 0 rejected",
            "imported payment: 2",
            "imported refund: 1")
        .anyMatch(
            l ->
                l.startsWith(
                    "Imported into "
                        + settings.database().shown(db)
                        + " (table processor_transactions)"));
    assertThat(second.code()).isZero();
    assertThat(second.out().lines())
        .startsWith(
            "csv file settlement.csv: 0 rows imported, 3 already present, 0 rejected",
            "already present payment: 2",
            "already present refund: 1");
    assertThat(rows()).isEqualTo(3);
  }

  /**
   * imports lists what the import log holds, newest first: each import's counts, days and task,
   * then its first rejected rows and how many more; --limit and --rejections bound the list.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void importsListsTheLatestImportsNewestFirstWithTheirRejectedRows(Backend backend)
      throws Exception {
    on(backend);
    String into = settings.database().shown(db) + " (table processor_transactions)";
    CliRunner.Run none = cli("imports");
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.out().strip()).isEqualTo("No import into " + into + " yet.");
    Path mixed =
        export(
            "mixed.csv",
            "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1",
            "only,three,fields",
            "x,bogus,10.00,0.59,USD,2026-11-23T10:00:00Z,T",
            "y,bogus,10.00,0.59,USD," + AT + ",U");
    assertThat(cli("import", "--format", "csv", "--file", mixed.toString()).code()).isZero();
    Path later = export("later.csv", "ch_2,payment,20.00,0.88,USD,2026-11-25T08:00:00Z,TXN-2");
    assertThat(cli("import", "--format", "csv", "--file", later.toString()).code()).isZero();

    CliRunner.Run r = cli("imports", "--rejections", "2");

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0)).isEqualTo("Imports into " + into + ", newest first:");
    assertThat(lines.get(1))
        .endsWith(
            "Z  csv file later.csv: 1 rows added, 0 rejected; rows dated 2026-11-25; command line");
    assertThat(lines.get(2))
        .endsWith(
            "Z  csv file mixed.csv: 1 rows added, 3 rejected; rows dated 2026-11-23 to 2026-11-24;"
                + " command line");
    assertThat(lines.subList(3, 6))
        .containsExactly(
            "  rejected line 3: the row has 3 fields where the header (line 1) has 7",
            "  rejected line 4 (transaction id T, 2026-11-23): unknown row type 'bogus'",
            "  1 rejected row not listed here (the Rejected Rows sheet of each day lists that"
                + " day's)");
    assertThat(lines.get(6))
        .isEqualTo("Newest row imported, per format (how fresh each processor's data is):");
    assertThat(lines.get(7))
        .startsWith("  csv: 2026-11-25T08:00:00Z (day 2026-11-25); its latest import, ")
        .endsWith("Z, added 1 rows");
    assertThat(cli("imports", "--limit", "1", "--rejections", "0").out().lines())
        .hasSize(4)
        .element(1)
        .asString()
        .contains("later.csv");
    assertThat(cli("imports", "--rejections", "0").out().lines())
        .contains(
            "  3 rejected rows not listed here (the Rejected Rows sheet of each day lists"
                + " that day's)");
  }

  /**
   * A file's name and a row's id and reason come from outside: imports prints each on its one line,
   * control characters escaped; out-of-range bounds are refused with one line.
   */
  @Test
  void importsPrintsWhatTheFilesSaidOnOneLineAndRefusesBadBounds() throws Exception {
    on(Backend.SQLITE);
    Path file =
        export(
            "evil\nname.csv",
            "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1",
            "z,bogus\u001b[31m,10.00,0.59,USD," + AT + ",\"T\rX\"");
    assertThat(cli("import", "--format", "csv", "--file", file.toString()).code()).isZero();

    CliRunner.Run r = cli("imports");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("\u001b", "\r");
    assertThat(r.out().lines())
        .hasSize(5)
        .anySatisfy(l -> assertThat(l).contains("csv file evil\\nname.csv: 1 rows added"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("  rejected line 3 (transaction id T\\")
                    .endsWith(": unknown row type 'bogus\\u001b[31m'"));
    assertOneLineUserError(cli("imports", "--limit", "0"), "--limit must be 1 to 1000, not 0");
    assertOneLineUserError(
        cli("imports", "--rejections", "101"), "--rejections must be 0 to 100, not 101");
  }

  /**
   * The summary tells the days of the rows in [reconciliation] timezone, the days whose runs read
   * them: 10:15 UTC on the 24th is past midnight on the 25th fourteen hours ahead.
   */
  @Test
  void theRowsDaysAreToldInTheReconciliationTimezone() throws Exception {
    on(Backend.SQLITE);
    config = config("[reconciliation]\ntimezone = Pacific/Kiritimati\n");
    Path file = export("late.csv", "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1");

    CliRunner.Run r = cli("import", "--format", "csv", "--file", file.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .contains("rows dated " + AT + " (day 2026-11-25 in Pacific/Kiritimati)");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void rejectedRowsAreListedWithTheirLineAndTheExitIsStillZero(Backend backend) throws Exception {
    on(backend);
    Path file =
        export(
            "mixed.csv",
            "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1",
            "only,three,fields",
            "x,bogus,10.00,0.59,USD," + AT + ",T");

    List<String> args =
        new ArrayList<>(List.of("import", "--format", "csv", "--file", file.toString()));
    if (backend == Backend.SQLITE) {
      // --db names a SQLite file: PostgreSQL refuses it (PostgresCliIT)
      args.addAll(List.of("--db", db.toString()));
    }
    CliRunner.Run r = cli(args.toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .contains(
            "csv file mixed.csv: 1 rows imported, 0 already present, 2 rejected",
            "rejected line 3: the row has 3 fields where the header (line 1) has 7",
            "rejected line 4 (transaction id T): unknown row type 'bogus'",
            "the other rows were imported; fix the rejected rows and import the file again"
                + " (until then the Rejected Rows sheet of each rejected row's day lists it, or of each"
                + " day the file reaches when its time could not be read)");
    assertThat(rows()).isEqualTo(1);
  }

  /**
   * A file whose every row is rejected (here: amounts with decimal commas, the setting unset) was
   * "imported" with exit 0, so "import && reconcile" reported every sale missing in the processor.
   * It lists its rows as before, then fails as a refused file does; a later import of the same file
   * with the setting right takes its rows.
   */
  @Test
  void aFileWhoseEveryRowIsRejectedExitsTwoAfterListingThem() throws Exception {
    on(Backend.SQLITE);
    Path file =
        export(
            "commas.csv",
            "ch_1,payment,\"10,00\",0,USD," + AT + ",TXN-1",
            "ch_2,payment,\"20,50\",0,USD," + AT + ",TXN-2");
    String[] args = {"import", "--format", "csv", "--file", file.toString(), "--db", db.toString()};

    CliRunner.Run r = cli(args);

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.out().lines())
        .contains(
            "csv file commas.csv: 0 rows imported, 0 already present, 2 rejected",
            "no row was imported; fix the rejected rows and import the file again");
    assertThat(r.err().strip())
        .isEqualTo(
            "reconciler: error: csv file commas.csv: every row was rejected (2), nothing imported"
                + " (first: line 2: unparseable gross '10,00' (expected a decimal such as -12.34; a"
                + " file whose amounts have a decimal ',' needs [import.csv] decimal_separator"
                + " = ,))");
    // Nothing committed: the import's table was not even made.
    assertThatThrownBy(this::rows).hasMessageContaining("no such table");

    config = config("[import.csv]\ndecimal_separator = ,\n");
    CliRunner.Run fixed = cli(args);
    assertThat(fixed.code()).as(fixed.err()).isZero();
    assertThat(rows()).isEqualTo(2);
  }

  /**
   * Several files (an Adyen report per batch) are imported in the order given, each in its own
   * transaction: one refused is said and the others are imported, and the exit says one was not.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void severalFilesAreImportedEachInItsOwnTransaction(Backend backend) throws Exception {
    on(backend);
    Path first = export("batch_1.csv", "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1");
    Path wrong = dir.resolve("batch_2.csv");
    Files.writeString(wrong, "id,amount\n1,2\n");
    Path third =
        export(
            "batch_3.csv",
            "ch_2,payment,20.00,0.88,USD," + AT + ",TXN-2",
            "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1");

    CliRunner.Run r = importFiles(first, wrong, third);

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.out().lines())
        .containsSubsequence(
            "csv file batch_1.csv: 1 rows imported, 0 already present, 0 rejected",
            "",
            "",
            "csv file batch_3.csv: 1 rows imported, 1 already present, 0 rejected")
        .anyMatch(
            l ->
                l.startsWith(
                    "Imported 2 of 3 files into "
                        + settings.database().shown(db)
                        + " (table processor_transactions) in "));
    assertThat(r.err().lines())
        .containsExactly(
            "reconciler: error: batch_2.csv: line 1: missing required columns 'transaction_id',"
                + " 'type', 'currency', 'created_at' (not this format?)",
            "reconciler: error: 1 of 3 files not imported: batch_2.csv (the others were; fix"
                + " these and import them again)");
    assertThat(rows()).isEqualTo(2);
    assertThat(cli("imports").out().lines()).filteredOn(l -> l.contains(" csv file ")).hasSize(2);
  }

  /**
   * --dry-run prints what the import would do and keeps nothing: the file is then imported as it
   * said, and the import log has only that import.
   */
  @Test
  void aDryRunPrintsWhatTheImportWouldDoAndKeepsNothing() throws Exception {
    on(Backend.SQLITE);
    Path file =
        export(
            "day.csv",
            "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1",
            "x,bogus,10.00,0.59,USD," + AT + ",T");

    CliRunner.Run dry = cli("import", "--dry-run", "--format", "csv", "--file", file.toString());

    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out().lines())
        .startsWith(
            "csv file day.csv (dry run, nothing imported): 1 rows to import, 0 already present,"
                + " 1 rejected",
            "to import payment: 1")
        .contains(
            "the other rows would be imported; fix the rejected rows before importing the file")
        .last()
        .asString()
        .startsWith("Dry run against " + settings.database().shown(db))
        .endsWith(": nothing imported");
    assertThatThrownBy(this::rows).hasMessageContaining("no such table");
    assertThat(cli("imports").out().strip()).startsWith("No import into ");

    assertThat(cli("import", "--format", "csv", "--file", file.toString()).out().lines())
        .first()
        .isEqualTo("csv file day.csv: 1 rows imported, 0 already present, 1 rejected");
  }

  /** A missing file among several refuses the command before any is imported. */
  @Test
  void aMissingFileAmongSeveralImportsNone() throws Exception {
    on(Backend.SQLITE);
    Path first = export("batch_1.csv", "ch_1,payment,10.00,0.59,USD," + AT + ",TXN-1");

    Path missing = dir.resolve("batch_2.csv");

    // --file given once per file, as well as once for all.
    assertOneLineUserError(
        cli("import", "--format", "csv", "--file", first.toString(), "--file", missing.toString()),
        "import file not found: " + missing);
    assertThatThrownBy(this::rows)
        .as("no processor table made")
        .hasMessageContaining("processor_transactions");
  }

  // One backend: the file is refused before any table is touched.
  @Test
  void aRefusedMissingOrUnknownInputIsAOneLineUserError() throws Exception {
    on(Backend.SQLITE);
    Path wrong = dir.resolve("wrong.csv");
    Files.writeString(wrong, "id,amount\n1,2\n");

    assertOneLineUserError(
        cli("import", "--format", "csv", "--file", wrong.toString()),
        "wrong.csv: line 1: missing required columns 'transaction_id', 'type', 'currency',"
            + " 'created_at' (not this format?)");
    assertOneLineUserError(
        cli("import", "--format", "csv", "--file", dir.resolve("gone.csv").toString()),
        "import file not found: " + dir.resolve("gone.csv"));
    assertOneLineUserError(
        cli("import", "--format", "xls", "--file", wrong.toString()),
        "unknown --format 'xls': use stripe, adyen, paypal, csv");
    assertOneLineUserError(
        cli("import", "--file", wrong.toString()),
        "--format is required: use stripe, adyen, paypal, csv");
    assertOneLineUserError(
        cli("import", "--format", "csv"), "--file is required: the export to import");
    assertThatThrownBy(this::rows)
        .as("no processor table made")
        .hasMessageContaining("processor_transactions");
  }

  // One backend: enqueue import only queues (with --db it is refused on PostgreSQL, PostgresCliIT).
  @Test
  void enqueueImportQueuesAnAbsoluteFileAndRefusesOneOutsideTheRoots() throws Exception {
    on(Backend.SQLITE);
    EmbeddedRedis redis = EmbeddedRedis.start();
    try (RedisConnector connector = new RedisConnector(redis.url(), 5000, 2)) {
      config = config("[redis]\nurl = " + redis.url() + "\n");
      Path inData = dir.resolve("data/inbox/a.csv");

      CliRunner.Run ok = cli("enqueue", "import", "--format", "csv", "--file", inData.toString());
      CliRunner.Run outside =
          cli("enqueue", "import", "--format", "csv", "--file", dir.resolve("b.csv").toString());
      CliRunner.Run mixed =
          cli(
              "enqueue",
              "import",
              "--format",
              "csv",
              "--file",
              inData.toString(),
              "--date",
              "2026-11-24");

      assertThat(ok.code()).as(ok.err()).isZero();
      List<String> queued = connector.with(j -> j.lrange("resque:queue:reconcile", 0, -1));
      assertThat(queued).hasSize(1);
      TaskEnvelope task = TaskPayloads.decode(queued.get(0));
      assertThat(task.taskId()).isEqualTo(ok.out().strip());
      assertThat(task.name()).isEqualTo("import");
      assertThat(task.args()).containsExactly("csv", inData.toString(), null);
      assertThat(outside.code()).isEqualTo(Main.USER_ERROR);
      assertThat(outside.err().strip())
          .startsWith(
              "reconciler: error: import file '" + dir.resolve("b.csv") + "' is not allowed")
          .doesNotContain("\n");
      assertOneLineUserError(mixed, "--date and --out are for 'enqueue reconcile', not import");
      // A queued import is one task of one file.
      assertOneLineUserError(
          cli("enqueue", "import", "--format", "csv", "--file", inData.toString(), "b.csv"),
          "enqueue import takes one --file, not 2: enqueue an import for each (each is a task of"
              + " its own)");
      long stillQueued = connector.with(j -> j.llen("resque:queue:reconcile"));
      assertThat(stillQueued).isOne();
    } finally {
      redis.stop();
    }
  }

  /** Rows in the processor table; fails when there is none. */
  private long rows() throws SQLException {
    return backend.count(settings, db, "SELECT count(*) FROM processor_transactions");
  }
}
