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
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What cannot work with the input in PostgreSQL yet says so in one line, before any work. */
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

  private RunOutcome run(Settings settings) {
    return new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(DAY, "run-pg", dir.resolve("in.db"), dir.resolve("reports")));
  }

  @Test
  void anImportIsRefusedRatherThanWrittenWhereNoRunReadsIt() throws Exception {
    Path export = Files.writeString(dir.resolve("export.csv"), "id,amount\n");
    assertThatThrownBy(
            () ->
                new ProcessorImporter(settings("noimport"))
                    .importFile(ImportFormat.STRIPE, export, dir.resolve("in.db")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("import writes SQLite only, for now")
        .hasMessageNotContaining("not-shown");
    assertThat(dir.resolve("in.db")).doesNotExist();
  }

  @Test
  void aProcessorTableOfImportedRowTypesIsRefused() throws Exception {
    pg.newDatabase("typed");
    Settings settings = settings("typed");
    new DataGenerator(Progress.NONE, file -> PgInputWriter.create(settings.database()))
        .generate(GenerationSpec.of(DAY, 10, 1), dir.resolve("in.db"), dir.resolve("t.json"));
    try (Connection c = DriverManager.getConnection(pg.url("typed"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE processor_transactions ADD COLUMN row_type text");
    }
    assertThatThrownBy(() -> run(settings))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("table 'processor_transactions'")
        .hasMessageContaining("settlement rules read SQLite only, for now")
        .hasMessageNotContaining("not-shown");
  }
}
