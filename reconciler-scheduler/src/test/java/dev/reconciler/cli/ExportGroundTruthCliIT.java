package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.reconcile.ExportTruthAssert;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.it.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operator's path end to end: generate --format, import, reconcile with the truth's rate card,
 * and every sheet of the report is what the ground truth says; with the SQLite file and with a
 * PostgreSQL [database] url.
 */
class ExportGroundTruthCliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  /** On SQLite into [paths] database; on PostgreSQL into [database] url, no SQLite file made. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void generateImportReconcileMeetsTheGroundTruth(Backend backend) throws Exception {
    Path db = dir.resolve("data/reconciler.db");
    Path out = dir.resolve("reports");
    // Window 0: one day's ground truth is what a day reports with no settlement window.
    String base =
        "[paths]\nlog_dir = "
            + dir.resolve("logs")
            + "\ndatabase = "
            + db
            + "\n[reconciliation]\nsettlement_window_days = 0\n"
            + backend.ini(pg);
    Path ini = dir.resolve("config.ini");
    Files.writeString(ini, base);

    CliRunner.Run generated =
        run(ini, "generate", "--date", "2026-11-24", "-n", "2500", "--seed", "11");
    assertThat(generated.code()).as(generated.err()).isZero();
    // Generating again with --format writes the file this test reads; the first run proves the
    // plain database path still works beside it.
    generated =
        run(
            ini,
            "generate",
            "--date",
            "2026-11-24",
            "-n",
            "2500",
            "--seed",
            "11",
            "--format",
            "adyen");
    assertThat(generated.code()).as(generated.err()).isZero();
    GroundTruth truth = GroundTruth.read(dir.resolve("data/reconciler.truth.json"));
    Files.writeString(ini, base + "[fees]\nrate_card = " + truth.export().rateCard() + "\n");

    CliRunner.Run imported =
        run(ini, "import", "--format", "adyen", "--file", dir.resolve("data/adyen-export.csv"));
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "adyen file adyen-export.csv: %,d rows imported, 0 already present, 0 rejected",
                truth.processorRows()));

    CliRunner.Run reconciled = run(ini, "reconcile", "--date", "2026-11-24", "--out", out);
    assertThat(reconciled.code()).as(reconciled.err()).isZero();

    ExportTruthAssert.assertReportMatches(truth, out.resolve("reconciliation_2026-11-24.xlsx"));
    backend.assertKeptEverything(db);
  }

  private static CliRunner.Run run(Path ini, Object... args) {
    String[] all = new String[args.length + 2];
    for (int i = 0; i < args.length; i++) {
      all[i] = args[i].toString();
    }
    all[args.length] = "--config";
    all[args.length + 1] = ini.toString();
    return CliRunner.run(all);
  }
}
