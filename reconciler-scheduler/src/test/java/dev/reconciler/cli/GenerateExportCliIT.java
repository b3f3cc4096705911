package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.generate.GroundTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reconciler generate --format: the sales table, an export file beside it, and its truth. */
class GenerateExportCliIT {
  @TempDir Path dir;

  private CliRunner.Run generate(String... options) throws Exception {
    Path ini = dir.resolve("config.ini");
    Files.writeString(ini, "[paths]\nlog_dir = " + dir.resolve("logs") + "\n");
    String[] args = new String[options.length + 9];
    String[] fixed = {
      "generate",
      "--config",
      ini.toString(),
      "--db",
      db().toString(),
      "--date",
      "2026-11-24",
      "-n",
      "500"
    };
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    System.arraycopy(options, 0, args, fixed.length, options.length);
    return CliRunner.run(args);
  }

  private Path db() {
    return dir.resolve("data/reconciler.db");
  }

  @Test
  void writesTheExportBesideTheDatabaseAndLeavesTheProcessorTableEmpty() throws Exception {
    CliRunner.Run r = generate("--format", "adyen");

    assertThat(r.code()).as(r.err()).isZero();
    Path export = dir.resolve("data/adyen-export.csv");
    assertThat(r.out()).contains("Export:", export.toString(), "(adyen)");
    assertThat(Files.readAllLines(export).get(0)).startsWith("Company Account,Merchant Account,");
    GroundTruth truth = GroundTruth.read(dir.resolve("data/reconciler.truth.json"));
    assertThat(truth.export().format()).isEqualTo("adyen");
    assertThat(truth.export().file()).isEqualTo("adyen-export.csv");
    assertThat(truth.processorRows()).isEqualTo(Files.readAllLines(export).size() - 1L);
    // Every kind the export can carry, with the ids its sheet must list (an empty sheet of a
    // small day then reads as chance, not a fault).
    List<String> counts = new ArrayList<>();
    truth.idsPerKind().forEach((kind, n) -> counts.add(kind + " " + n));
    assertThat(counts)
        .hasSize(9)
        .contains("refund " + truth.export().sheetIds().get("refund").size());
    assertThat(r.out()).contains("Findings:     " + String.join(", ", counts));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM processor_transactions")) {
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void writesTheExportWhereAsked() throws Exception {
    Path file = dir.resolve("exports/STL-20261124.01.009.CSV");
    CliRunner.Run r = generate("--format", "paypal", "--export", file.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(file)).startsWith("\uFEFF\"RH\",");
  }

  @Test
  void anUnknownFormatIsOneLine() throws Exception {
    for (String format : new String[] {"csv", "quickbooks"}) {
      CliRunner.Run r = generate("--format", format);
      assertThat(r.code()).isEqualTo(Main.USER_ERROR);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(r.err()).contains("--format must be stripe, adyen or paypal", format);
    }
  }

  @Test
  void anExportPathWithoutAFormatIsOneLine() throws Exception {
    CliRunner.Run r = generate("--export", dir.resolve("x.csv").toString());

    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).contains("--export needs --format");
  }

  @Test
  void anExportPathOnTheDatabaseIsRefused() throws Exception {
    CliRunner.Run r = generate("--format", "stripe", "--export", db().toString());

    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).contains("would overwrite the database");
  }
}
