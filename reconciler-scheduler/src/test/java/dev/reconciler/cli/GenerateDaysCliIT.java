package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.generate.MultiDayTruth;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.it.Backend;
import java.nio.file.Path;
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
 * reconciler generate --days: several days in one database, a truth section per day, which
 * reconciling the days in order reproduces, on SQLite and on PostgreSQL; the refusals, made before
 * the database is opened, on SQLite alone.
 */
class GenerateDaysCliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private Path config;

  private void configure(Backend backend) throws Exception {
    config =
        backend.config(
            pg,
            dir.resolve("config.ini"),
            "[paths]",
            "database = " + db(),
            "log_dir = " + dir.resolve("logs"),
            "[reconciliation]",
            "settlement_window_days = 2");
  }

  private CliRunner.Run generate(String... options) throws Exception {
    if (config == null) {
      configure(Backend.SQLITE);
    }
    String[] fixed = {"generate", "--config", config.toString(), "--date", "2026-11-24"};
    String[] args = new String[fixed.length + options.length];
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    System.arraycopy(options, 0, args, fixed.length, options.length);
    return CliRunner.run(args);
  }

  private Path db() {
    return dir.resolve("data/reconciler.db");
  }

  private Path truth() {
    return dir.resolve("data/reconciler.truth.json");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void writesTheDaysAndATruthSectionPerDayAgedByTheConfiguredWindow(Backend backend)
      throws Exception {
    configure(backend);
    CliRunner.Run r = generate("--days", "3", "-n", "400");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2026-11-24 to 2026-11-26", "2026-11-25:", "settlement window 2");
    MultiDayTruth truth = MultiDayTruth.read(truth());
    assertThat(truth.windowDays()).isEqualTo(2);
    assertThat(truth.days())
        .extracting(d -> d.run().businessDate())
        .containsExactly(
            LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26));
    assertThat(truth.days().get(2).cleared()).isNotEmpty();

    for (MultiDayTruth.Day day : truth.days()) {
      String date = day.run().businessDate().toString();
      CliRunner.Run run =
          CliRunner.run(
              "reconcile",
              "--config",
              config.toString(),
              "--date",
              date,
              "--out",
              dir.resolve("reports").toString());
      assertThat(run.code()).as(date + ": " + run.err()).isZero();
    }
    backend.assertKeptEverything(db());
    assertThat(openIdsNow())
        .isNotEmpty()
        .isEqualTo(
            truth.days().get(2).open().stream().map(i -> i.transactionId()).sorted().toList());
  }

  private List<String> openIdsNow() {
    try (LedgerStore ledger =
        Ledgers.open(SettingsLoader.load(config, Map.of()), db(), Clock.systemUTC())) {
      return ledger.openNow().stream().map(OpenItem::transactionId).sorted().toList();
    }
  }

  @Test
  void oneDayIsStillTheSingleDayTruth() throws Exception {
    CliRunner.Run r = generate("--days", "1", "-n", "200");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(GroundTruth.read(truth()).transactions()).isEqualTo(200);
  }

  @Test
  void badDaysAndDaysWithAnExportAreOneLine() throws Exception {
    CliRunner.Run zero = generate("--days", "0");
    CliRunner.Run export = generate("--days", "2", "--format", "stripe");

    assertThat(zero.code()).isEqualTo(Main.USER_ERROR);
    assertThat(zero.err().strip().lines()).hasSize(1);
    assertThat(zero.err()).contains("--days must be 1..366, not 0");
    assertThat(export.code()).isEqualTo(Main.USER_ERROR);
    assertThat(export.err()).contains("--days", "--format");
  }
}
