package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.runs.PgRunStore;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.store.EmbeddedPg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate and reconcile with a PostgreSQL [database] url: the tables are written and read there,
 * the ground truth lies beside [paths] database (which is never created), the run, its workbook and
 * the ledger are kept there too, so report get and ledger serve them without any SQLite file or
 * report file; import writes the processor table there; what does not work with it yet is refused
 * in one line.
 */
class PostgresCliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  private String config(String database, boolean runsDatabase) throws IOException {
    return Files.writeString(
            dir.resolve("config.ini"),
            String.join(
                "\n",
                "[database]",
                "url = " + pg.url(database),
                "user = postgres",
                "[paths]",
                "data_dir = " + dir.resolve("data"),
                "log_dir = " + dir.resolve("logs"),
                "database = " + dir.resolve("data/in.db"),
                "report_dir = " + dir.resolve("reports"),
                runsDatabase ? "runs_database = " + dir.resolve("runs.db") : "",
                "[report]",
                "store = database",
                ""))
        .toString();
  }

  @Test
  void generateWritesTheTablesThereAndReconcileReadsThem() throws Exception {
    pg.newDatabase("cli");
    String config = config("cli", true);

    CliRunner.Run generated =
        CliRunner.run(
            "generate", "--config", config, "--date", "2026-11-24", "--transactions", "500");
    assertThat(generated.code()).as(generated.err()).isZero();
    assertThat(generated.out()).contains("Database:     " + pg.url("cli"));
    assertThat(dir.resolve("data/in.truth.json")).exists();

    CliRunner.Run reconciled =
        CliRunner.run("reconcile", "--config", config, "--date", "2026-11-24");
    assertThat(reconciled.code()).as(reconciled.err()).isZero();
    assertThat(reconciled.out()).contains("matched");
    assertThat(dir.resolve("reports/reconciliation_2026-11-24.xlsx")).exists();
    assertThat(dir.resolve("data/in.db")).doesNotExist();
    assertThat(new PgRunStore(pg.settings("cli")).recent(1).get(0).status()).isEqualTo("SUCCESS");
    assertThat(SqliteRunStore.ownFile(dir.resolve("runs.db"), 1000).recent(1)).isEmpty();

    Files.delete(dir.resolve("reports/reconciliation_2026-11-24.xlsx"));
    Path out = dir.resolve("got.xlsx");
    CliRunner.Run got =
        CliRunner.run(
            "report", "get", "--config", config, "--date", "2026-11-24", "--out", out.toString());
    assertThat(got.code()).as(got.err()).isZero();
    assertThat(out).isNotEmptyFile();

    // The run's ledger is in PostgreSQL, which the ledger command reads without any SQLite file.
    CliRunner.Run ledger = CliRunner.run("ledger", "--config", config);
    assertThat(ledger.code()).as(ledger.err()).isZero();
    assertThat(ledger.out()).contains("Open items after the run of 2026-11-24");
    assertThat(dir.resolve("data/in.db")).doesNotExist();
  }

  @Test
  void importWritesTheProcessorTableThereAndAgainAddsNothing() throws Exception {
    pg.newDatabase("cliimport");
    String config = config("cliimport", false);
    CliRunner.Run generated =
        CliRunner.run(
            "generate", "--config", config, "--date", "2026-11-24", "--transactions", "20");
    assertThat(generated.code()).as(generated.err()).isZero();
    String at = "2026-11-24T10:15:30Z";
    Path file =
        Files.writeString(
            dir.resolve("settlement.csv"),
            String.join(
                "\n",
                "id,type,amount,fee,currency,created_at,transaction_id",
                "ch_1,payment,10.00,0.59,USD," + at + ",TXN-1",
                "re_1,refund,-5.00,0.00,USD," + at + ",TXN-1",
                ""));

    CliRunner.Run first =
        CliRunner.run("import", "--config", config, "--format", "csv", "--file", file.toString());
    CliRunner.Run second =
        CliRunner.run("import", "--config", config, "--format", "csv", "--file", file.toString());

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out().lines())
        .startsWith(
            "csv file settlement.csv: 2 rows imported, 0 already present, 0 rejected",
            "imported payment: 1",
            "imported refund: 1")
        .anyMatch(
            l ->
                l.startsWith(
                    "Imported into " + pg.url("cliimport") + " (table processor_transactions)"));
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out().lines())
        .startsWith("csv file settlement.csv: 0 rows imported, 2 already present, 0 rejected");
    assertThat(dir.resolve("data/in.db")).doesNotExist();
  }

  @Test
  void whatDoesNotWorkWithPostgresYetIsRefusedInOneLine() throws Exception {
    pg.newDatabase("refused");
    String config = config("refused", false);

    String x = dir.resolve("x.db").toString();
    String csv = dir.resolve("x.csv").toString();
    // enqueue import is refused before it is queued (no Redis needed): a worker would import
    // into PostgreSQL and ignore the file.
    for (String[] command :
        List.of(
            new String[] {"generate", "--config", config, "--db", x},
            new String[] {
              "import", "--config", config, "--format", "csv", "--file", csv, "--db", x
            },
            new String[] {
              "enqueue", "import", "--config", config, "--format", "csv", "--file", csv, "--db", x
            })) {
      CliRunner.Run toFile = CliRunner.run(command);
      assertThat(toFile.code()).as(String.join(" ", command)).isEqualTo(2);
      assertThat(toFile.err().strip())
          .as(String.join(" ", command))
          .contains("--db names a SQLite file")
          .doesNotContain("\n");
    }
  }
}
