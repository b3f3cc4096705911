package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.generate.MultiDayTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reconciler generate --days: several days in one database, a truth section per day. */
class GenerateDaysCliIT {
  @TempDir Path dir;

  private CliRunner.Run generate(String... options) throws Exception {
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini,
        "[paths]\nlog_dir = "
            + dir.resolve("logs")
            + "\n[reconciliation]\nsettlement_window_days = 2\n");
    String[] fixed = {
      "generate", "--config", ini.toString(), "--db", db().toString(), "--date", "2026-11-24"
    };
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

  @Test
  void writesTheDaysAndATruthSectionPerDayAgedByTheConfiguredWindow() throws Exception {
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
