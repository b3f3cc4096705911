package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.PgInputWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL processor table an import or the rules cannot use is refused in one line. */
class PostgresInputRefusalsIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  private Settings settings(String database) {
    return SameDaySettings.load(
        Map.of(
            "RECONCILER_DATABASE_URL",
            pg.url(database) + "?password=not-shown",
            "RECONCILER_DATABASE_USER",
            "postgres"));
  }

  /** Runs {@code statements} in the server's database {@code database}. */
  private static void sql(String database, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(database), "postgres", "");
        Statement st = c.createStatement()) {
      for (String statement : statements) {
        st.execute(statement);
      }
    }
  }

  private RunOutcome run(Settings settings) {
    return new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(DAY, "run-pg", dir.resolve("in.db"), dir.resolve("reports")));
  }

  @Test
  void aSaleWhoseLineIsNullIsRefusedInOneLineNotRetriedAsAFault() throws Exception {
    pg.newDatabase("null_line");
    sql(
        "null_line",
        "CREATE TABLE sales(line bigint, transaction_id text, order_id text, customer_id text,"
            + " amount text, currency text, status text, created_at text)",
        "CREATE TABLE processor_transactions(line bigint, processor_ref text,"
            + " transaction_id text, amount text, currency text, fee text, status text,"
            + " processed_at text)",
        "INSERT INTO sales(line, transaction_id, amount, currency, status, created_at) VALUES"
            + " (1, 'T-1', '1.00', 'USD', 'paid', '2026-11-24T10:00:00Z'),"
            + " (NULL, 'T-2', '2.00', 'USD', 'paid', '2026-11-24T11:00:00Z')");

    assertThatThrownBy(() -> run(settings("null_line")))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "table 'sales' in "
                + pg.url("null_line")
                + "?password=****"
                + " has a row whose line is NULL: line must number every row (see the README)");
  }

  @Test
  void anImportIntoATableWhoseMoneyWouldRoundIsRefusedAndChangesNothing() throws Exception {
    pg.newDatabase("rounding");
    sql(
        "rounding",
        "CREATE TABLE processor_transactions(line bigint, processor_ref text,"
            + " transaction_id text, amount numeric(12,2), currency text, fee text, status text,"
            + " processed_at text)");
    Path export = Files.writeString(dir.resolve("export.csv"), "id,amount\n");
    assertThatThrownBy(
            () ->
                new ProcessorImporter(settings("rounding"))
                    .importFile(ImportFormat.STRIPE, export, dir.resolve("in.db")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("table 'processor_transactions'")
        .hasMessageContaining("declares amount as numeric(12,2)")
        .hasMessageNotContaining("not-shown");
    try (Connection c = DriverManager.getConnection(pg.url("rounding"), "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'processor_transactions'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("columns, none added").isEqualTo(8);
    }
    assertThat(dir.resolve("in.db")).doesNotExist();
  }

  @Test
  void aProcessorTableOfRowTypesLackingTheImportsColumnsIsRefused() throws Exception {
    pg.newDatabase("typed");
    Settings settings = settings("typed");
    new DataGenerator(Progress.NONE, file -> PgInputWriter.create(settings.database()))
        .generate(GenerationSpec.of(DAY, 10, 1), dir.resolve("in.db"), dir.resolve("t.json"));
    sql("typed", "ALTER TABLE processor_transactions ADD COLUMN row_type text");
    assertThatThrownBy(() -> run(settings))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("table 'processor_transactions'")
        .hasMessageContaining("has row_type but no column 'raw_type'")
        .hasMessageNotContaining("not-shown");
  }
}
